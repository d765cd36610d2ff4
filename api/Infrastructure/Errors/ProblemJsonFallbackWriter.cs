using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Infrastructure.Errors;

/// <summary>
/// Every error is application/problem+json, whatever the request said it accepts. ASP.NET Core's own writer
/// declines a request whose Accept names neither JSON nor */* — an EventSource sends only
/// <c>Accept: text/event-stream</c> — and then a refusal (401, 403, a full admission queue's 503) became a 500
/// "no IProblemDetailsWriter can write". Registered after the default writer, this one takes what it declines.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(),
            jsonOptions.Value.SerializerOptions, "application/problem+json"));
    }
}
