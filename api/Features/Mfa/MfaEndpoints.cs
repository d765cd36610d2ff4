using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Mfa;

internal sealed class MfaEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var mfa = app.MapGroup("/api/me/mfa").WithTags("MFA");

        // A session limited to enrolment (practice requires MFA) may use these two, and nothing clinical.
        mfa.MapPost("/enrolment", (StartMfaEnrolmentCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .RequireAuthorization(Policies.MfaEnrolment).RequireRateLimiting(RateLimitPolicies.Credential)
            .WithName("StartMfaEnrolment").WithSummary("A new authenticator key with its otpauth URI and QR code (needs the current password).");

        mfa.MapPost("/enrolment/confirm", (ConfirmMfaEnrolmentCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command, ct))
            .RequireAuthorization(Policies.MfaEnrolment).RequireRateLimiting(RateLimitPolicies.Credential)
            .WithName("ConfirmMfaEnrolment").WithSummary("Turn TOTP on with a code from the app; returns ten one-time recovery codes.");

        mfa.MapDelete("/", async ([FromBody] DisableMfaCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Staff).RequireRateLimiting(RateLimitPolicies.Credential)
            .WithName("DisableMfa").WithSummary("Turn TOTP off (needs the current password or a code).");
    }
}
