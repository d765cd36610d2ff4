using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Security;

/// <summary>One mapped route: "GET /api/couples/{}" (parameter names and constraints erased).</summary>
public sealed record InventoryRoute(string Method, string RawTemplate, Endpoint Endpoint)
{
    public string Key => $"{Method} {EndpointInventory.Shape(RawTemplate)}";
}

public static class EndpointInventory
{
    /// <summary>Every route the app maps. Routes without method metadata (health checks, SPA fallback) count as ANY.</summary>
    public static IReadOnlyList<InventoryRoute> Routes(ClinicApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => new InventoryRoute(m, e.RoutePattern.RawText ?? "", e)))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

    public static string Shape(string template)
    {
        var shaped = Regex.Replace(template, @"\{[^{}]*\}", "{}");
        shaped = "/" + shaped.Trim('/');
        return shaped;
    }
}

public sealed class EndpointInventoryTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    /// <summary>Reviewed: these and only these answer without a token.</summary>
    public static readonly string[] ReviewedAnonymous =
    [
        "POST /api/auth/login",
        "POST /api/auth/refresh",
        // Ends only the session its refresh cookie or signed (possibly expired) bearer token names.
        "POST /api/auth/logout",
        "POST /api/auth/invitations/accept",
        "POST /api/auth/password/forgot", // 202 whatever the address; rate-limited
        "POST /api/auth/password/reset",  // the token is the credential; single use, one hour; rate-limited
        "POST /api/auth/password/reset/check", // the same token, checked before typing; changes nothing; rate-limited
        "POST /api/auth/email-change/confirm", // the link sent to a corrected sign-in address; single use, 72 hours; rate-limited
        "POST /api/waitlist/offers/check",  // the offer's link (DESIGN §16): single use, 48 hours; changes nothing; rate-limited
        "POST /api/waitlist/offers/accept", // the same link accepted: the couple is made once; rate-limited
        "POST /api/notifications/unsubscribe", // RFC 8058 one-click; the HMAC-signed token names the partner and reminder
        "ANY /health/live",
        "ANY /health/ready",
        "GET /{}", "HEAD /{}", // the SPA fallback: index.html for deep links, never /api or /health
        "POST /{}", "PUT /{}", "PATCH /{}", "DELETE /{}", // a write to a web-app path: a 404 problem, nothing else
    ];

    [Fact]
    public void EveryRoute_NamesAnAuthorizationPolicy_OrIsAReviewedAnonymousRoute()
    {
        var routes = EndpointInventory.Routes(factory);

        var unprotected = routes.Where(r =>
                r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null &&
                !r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(r => r.Key).ToList();
        var anonymous = routes.Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(r => r.Key).ToList();

        routes.Should().HaveCountGreaterThan(20);
        unprotected.Should().BeEmpty("every route must name its policy (RequireAuthorization(Policies.X)) or be reviewed as anonymous");
        anonymous.Should().BeSubsetOf(ReviewedAnonymous, "a new anonymous route needs a security review and an entry here");
    }

    [Fact]
    public void Fallback_SpaRoute_NeverServesApiOrHealthPaths()
    {
        var fallback = EndpointInventory.Routes(factory).Single(r => r.Key == "GET /{}");

        fallback.RawTemplate.Should().Contain("(?!api/|api$|health/");
    }
}
