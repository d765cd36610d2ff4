using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Startup;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

public sealed record ConfirmSignInEmailCommand(string? Token) : IRequest<Unit>;

public sealed class ConfirmSignInEmailValidator : AbstractValidator<ConfirmSignInEmailCommand>
{
    public ConfirmSignInEmailValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

/// <summary>
/// The partner followed the link sent to their corrected address (issue 26): from now on they sign in with
/// it, and the previous address is told, as before. The link works once, for 72 hours; an address that has
/// come to sign in to Clinic since is refused like a used link.
/// </summary>
internal sealed class ConfirmSignInEmailHandler(ClinicDbContext db, UserManager<User> users, AuditTrail audit, TimeProvider clock,
    Outbox outbox) : IRequestHandler<ConfirmSignInEmailCommand, Unit>
{
    private const string Invalid = "This link is not valid any more: it was used, has expired or was replaced. Ask your therapist for a new one.";

    public async Task<Unit> Handle(ConfirmSignInEmailCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Invitation.Hash(command.Token!);
        var partner = await db.Partners.AsTracking().SingleOrDefaultAsync(p => p.PendingEmailTokenHash == hash, ct);
        var account = partner?.UserId is { } id ? await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;
        if (partner is null || account is null || partner.PendingEmailExpiresAt <= now ||
            await users.FindByEmailAsync(partner.PendingEmail!) is { } holder && holder.Id != account.Id)
        {
            audit.Record("partner.sign_in_email_change", "partner", partner?.Id, partner?.CoupleId, AuditOutcome.Denied,
                partner is null ? "unknown_token" : "expired_or_taken", account?.Id, account?.Role);
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("token", Invalid);
        }

        var old = partner.ConfirmSignInEmailChange(now);
        account.ChangeSignInEmail(partner.Email, users.NormalizeEmail(partner.Email));
        audit.Record("partner.sign_in_email_change", "user", account.Id, partner.CoupleId, AuditOutcome.Allowed, null, account.Id, account.Role);
        outbox.Send(MessageKinds.SignInEmailChanged, old, CorrectPartnerHandler.SignInEmailChanged(outbox.Writer),
            new Recipients(account.Id, partner.Id));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

internal sealed class SignInEmailEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/auth/email-change").WithTags("Auth")
            .MapPost("/confirm", async (ConfirmSignInEmailCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("ConfirmSignInEmail").WithSummary("Sign in with a corrected address from now on: the link sent to it (single use, 72 hours).");
}
