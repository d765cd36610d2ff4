using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.Auth;

internal sealed class AuthEndpoints : IEndpointGroup
{
    public const string RefreshCookie = "clinic_refresh";
    public const string RefreshCookiePath = "/api/auth";

    public void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/login", async (LoginCommand command, HttpContext http, IMediator mediator) =>
            {
                var result = await mediator.Send(command with
                {
                    ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = http.Request.Headers.UserAgent.ToString(),
                }, http.RequestAborted);
                return SignedIn(http, result);
            })
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.SignIn).Produces<AccessTokenDto>()
            .WithName("Login").WithSummary("Sign in with email, password and, when enrolled, a TOTP code.");

        auth.MapPost("/refresh", async (HttpContext http, IMediator mediator) =>
                // No cookie at all: nobody is signed in here, which is no failure (a first visit asks this on load).
                string.IsNullOrEmpty(http.Request.Cookies[RefreshCookie])
                    ? Results.NoContent()
                    : SignedIn(http, await mediator.Send(new RefreshCommand(http.Request.Cookies[RefreshCookie]), http.RequestAborted)))
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Refresh).Produces<AccessTokenDto>().Produces(StatusCodes.Status204NoContent)
            .WithName("Refresh").WithSummary("Rotate the refresh cookie and get a new access token; 204 without a body when there is no refresh cookie (nobody to refresh).");

        // Anonymous on purpose: the refresh cookie, or a bearer token however stale, names the session
        // to end, so signing out works after the access token has expired (see LogoutHandler).
        auth.MapPost("/logout", async (HttpContext http, IMediator mediator) =>
            {
                await mediator.Send(new LogoutCommand
                {
                    RefreshToken = http.Request.Cookies[RefreshCookie],
                    AccessToken = BearerToken(http.Request),
                }, http.RequestAborted);
                http.Response.Cookies.Delete(RefreshCookie, CookieOptions(DateTimeOffset.UnixEpoch));
                return TypedResults.NoContent();
            })
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Refresh)
            .WithName("Logout").WithSummary("End the session named by the refresh cookie or the bearer token, expired or not, and clear the cookie.");

        auth.MapPost("/invitations/accept", async (AcceptInvitationCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("AcceptInvitation").WithSummary("Set a password from an invitation link.");

        app.MapGet("/api/me", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetMeQuery(), ct))
            .RequireAuthorization(Policies.AnySession).WithTags("Auth")
            .WithName("GetMe").WithSummary("The signed-in user.");
    }

    private static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    private static IResult SignedIn(HttpContext http, SignInResult result)
    {
        http.Response.Cookies.Append(RefreshCookie, result.RefreshToken, CookieOptions(result.RefreshExpiresAt));
        return TypedResults.Ok(result.Body);
    }

    private static CookieOptions CookieOptions(DateTimeOffset expires) => new()
    {
        HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = RefreshCookiePath, Expires = expires,
        IsEssential = true,
    };
}
