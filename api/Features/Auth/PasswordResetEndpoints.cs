using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.Auth;

/// <summary>
/// Forgot password and reset: anonymous, limited per client address on the single-use links' budget
/// (asking for a link and redeeming one), never spending the sign-in budget of colleagues at that address.
/// </summary>
internal sealed class PasswordResetEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var password = app.MapGroup("/api/auth/password").WithTags("Auth");

        password.MapPost("/forgot", async (ForgotPasswordCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.Accepted((string?)null);
            })
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("ForgotPassword").WithSummary("Email a reset link if the address has an active account; the answer is 202 either way.");

        password.MapPost("/reset/check", (CheckPasswordResetCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command, ct))
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("CheckPasswordReset").WithSummary("Whether a reset link still works (400 naming token, saying used or expired, when not); changes nothing.");

        password.MapPost("/reset", async (ResetPasswordCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("ResetPassword").WithSummary("Set a new password from a reset link (single use, one hour); ends every session of the account.");
    }
}
