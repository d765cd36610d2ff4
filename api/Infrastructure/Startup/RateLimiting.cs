using System.Threading.RateLimiting;
using Clinic.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Infrastructure.Startup;

public static class RateLimitPolicies
{
    /// <summary>Sign-in attempts per client address (failures are limited further by <see cref="SignInThrottle"/>).</summary>
    public const string SignIn = "sign-in";
    /// <summary>Token refreshes and sign-outs per client address: their own budget, never the sign-in one.</summary>
    public const string Refresh = "refresh";
    /// <summary>Single-use links per client address: invitations accepted, password reset links asked for and redeemed.</summary>
    public const string Link = "link";
    /// <summary>Password and code checks per signed-in user: password change, MFA enrolment and turning it off.</summary>
    public const string Credential = "credential";
    /// <summary>A partner's copy of their own data, per account: it reads their whole record (Clinic:MyData:PerHour, default 6).</summary>
    public const string MyData = "my-data";
    /// <summary>Messages posted, per account, therapist or partner alike (Clinic:Messaging:PerMinute, default 30; issue 31).</summary>
    public const string Messages = "messages";
}

/// <summary>
/// The request rate limits (ASP.NET Core's in-process limiter, one fixed window per partition). The
/// client address is the connection's, after the forwarded-headers rules (NetworkSetup): a header
/// from a peer that is not a configured proxy changes nothing, so it cannot buy a fresh budget.
/// </summary>
public static class RateLimiting
{
    public static void AddClinicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Clinic:LoginRateLimit");
        services.AddOptions<LoginRateLimitOptions>().Bind(section)
            .Validate(o => o.IsValid, "Every Clinic:LoginRateLimit setting must be a positive number.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        var limits = section.Get<LoginRateLimitOptions>() ?? new LoginRateLimitOptions();

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicies.SignIn, context => PerMinute("address:" + Address(context), limits.PermitsPerMinute));
            o.AddPolicy(RateLimitPolicies.Refresh, context => PerMinute("address:" + Address(context), limits.RefreshesPerMinute));
            o.AddPolicy(RateLimitPolicies.Link, context => PerMinute("address:" + Address(context), limits.LinksPerMinute));
            // Authenticated routes: the user, so colleagues behind one router never share a budget.
            o.AddPolicy(RateLimitPolicies.Credential, context => PerMinute(
                context.User.FindFirst(ClinicClaims.Subject)?.Value is { } user ? "user:" + user : "address:" + Address(context),
                limits.CredentialChecksPerMinute));
            // Every portal write, whichever feature maps it (one rule, so a route added later is covered too), per user.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsPortalWrite(context.Request) && context.User.FindFirst(ClinicClaims.Subject)?.Value is { } portalUser
                    ? PerMinute("portal-write:" + portalUser, limits.PortalWritesPerMinute)
                    : RateLimitPartition.GetNoLimiter(""));
            var myDataPerHour = configuration.GetValue("Clinic:MyData:PerHour", 6);
            o.AddPolicy(RateLimitPolicies.MyData, context => RateLimitPartition.GetFixedWindowLimiter(
                "my-data:" + (context.User.FindFirst(ClinicClaims.Subject)?.Value ?? Address(context)),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = myDataPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
            var messagesPerMinute = configuration.GetValue("Clinic:Messaging:PerMinute", 30);
            o.AddPolicy(RateLimitPolicies.Messages, context => PerMinute(
                "messages:" + (context.User.FindFirst(ClinicClaims.Subject)?.Value ?? Address(context)), messagesPerMinute));
            o.OnRejected = async (rejected, _) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Title = "Too many attempts", Type = "https://httpstatuses.io/429",
                        Detail = "Too many requests of this kind. Wait a minute and try again.",
                    },
                });
            };
        });
    }

    private static bool IsPortalWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/portal") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && !HttpMethods.IsOptions(request.Method);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
