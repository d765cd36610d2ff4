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

    public static void UseClinic(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use(SecurityHeaders);

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
        app.MapFallbackToFile("{*path:regex(^(?!api/|api$|health/|swagger).*$)}", "index.html").AllowAnonymous();
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        if (context.Request.ContentLength > MaxRequestBodyBytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        return next();
    }
}
