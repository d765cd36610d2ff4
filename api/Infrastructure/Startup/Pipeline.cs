using Clinic.Api.Infrastructure.Endpoints;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;

namespace Clinic.Api.Infrastructure.Startup;

public static class Pipeline
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    private const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>Every path but /api, /health and /swagger: the web app's own routes.</summary>
    private const string WebAppPaths = "{*path:regex(^(?!api/|api$|health/|swagger).*$)}";

    public static void UseClinic(this WebApplication app)
    {
        // First, so the rate limits, the audit trail and HSTS see the client's own address and scheme:
        // taken from X-Forwarded-For/-Proto only when the peer is a configured proxy (NetworkSetup).
        app.UseForwardedHeaders();
        // Before anything can answer, so every response carries the headers, errors included.
        var hsts = !app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders(context, hsts);
                return Task.CompletedTask;
            });
            return next();
        });
        app.UseExceptionHandler();
        // A response that ends with an error status and no body (no route, no token, a refused role)
        // gets the app's own problem details, correlation id included, like every other error.
        app.UseStatusCodePages(context => WriteStatusProblem(context.HttpContext));
        app.Use(LimitBodySize);
        app.Use(EmptyBodyAsEmptyObject);
        // Query strings meet the rules bodies meet in the JSON converters: no NUL, dates in range (SafeInput).
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Request.QueryString.HasValue)
                Json.SafeInput.CheckQuery(context.Request.Query);
            return next();
        });
        // Before anything that reads the database (the session check included): a fair queue in front of the pool.
        var admission = app.Services.GetRequiredService<AdmissionControl>();
        app.Use((context, next) => admission.InvokeAsync(context, next));

        if (app.Environment.IsDevelopment())
        {
            app.UseSwagger();
            app.UseSwaggerUI(o => o.RoutePrefix = "swagger");
        }

        // The web app's files; API calls skip the file-system lookups (two stat calls per request).
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), web =>
        {
            web.UseDefaultFiles();
            web.UseStaticFiles();
        });
        // Routing after static files: otherwise the web app's fallback route claims /chunk-….js first.
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapEndpointGroups();
        // Deep links into the web app load index.html; anything under /api or /health stays a 404.
        app.MapFallbackToFile(WebAppPaths, "index.html").AllowAnonymous();
        // A write to any other path is a 404 too. Without this, a POST to an unknown /api path met the
        // GET-only fallback above and answered 405, as if the path existed for reading. It takes JSON
        // like every API write, so a write in another format to a real route still answers 415.
        app.MapMethods(WebAppPaths, [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
                () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "There is no such route.", type: "https://httpstatuses.io/404"))
            .Accepts<object>("application/json")
            .AllowAnonymous().ExcludeFromDescription().WithOrder(int.MaxValue);
    }

    /// <summary>
    /// Set as the response starts: the exception handler clears the headers of a response it
    /// replaces, and a 404, 400 or 500 needs them as much as a 200.
    /// </summary>
    private static void SecurityHeaders(HttpContext context, bool hsts)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
        // IsHttps is the client's scheme: a known proxy's X-Forwarded-Proto has been applied by now.
        // ASP.NET Core's UseHsts is not used: it skips localhost and is lost when an error clears the headers.
        if (hsts && context.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
    }

    private static Task WriteStatusProblem(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status, Type = $"https://httpstatuses.io/{status}",
                Title = reason.Length == 0 ? "Error" : reason[0] + reason[1..].ToLowerInvariant(),
                Detail = status == StatusCodes.Status404NotFound && context.GetEndpoint() is null ? "There is no such route." : null,
            },
        }).AsTask();
    }

    /// <summary>
    /// A write sent with no body at all, with no content type or with <c>application/json</c>, is read as an
    /// empty JSON object, so the endpoint is still chosen and its validator names each missing field (`version`,
    /// `currentPassword`) instead of the framework naming its own parameter (`command`).
    /// </summary>
    private static Task EmptyBodyAsEmptyObject(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) &&
            (request.ContentType is null || request.HasJsonContentType()) && (request.ContentLength ?? 0) == 0 &&
            !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            request.ContentType = "application/json";
            request.Body = new MemoryStream("{}"u8.ToArray(), writable: false);
            request.ContentLength = 2;
            // The server decided there was no body; minimal APIs ask it before reading one.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(HasBody.Instance);
        }
        return next();
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public static readonly HasBody Instance = new();
        public bool CanHaveBody => true;
    }

    private static Task LimitBodySize(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        if (context.Request.ContentLength > MaxRequestBodyBytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        return next();
    }
}
