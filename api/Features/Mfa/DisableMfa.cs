using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Auth;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Mfa;

/// <summary>Either the current password or a current code (TOTP or recovery) proves it is the user.</summary>
public sealed record DisableMfaCommand(string? CurrentPassword, string? Code) : IRequest<Unit>;

public sealed class DisableMfaValidator : AbstractValidator<DisableMfaCommand>
{
    public DisableMfaValidator()
    {
        RuleFor(c => c.CurrentPassword).MaximumLength(1024);
        RuleFor(c => c.Code).MaximumLength(32);
        RuleFor(c => c.CurrentPassword).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.Code))
            .WithMessage("Enter your current password or a code from your authenticator app.");
    }
}

/// <summary>
/// When the practice requires MFA for this user, turning it off also ends all their sessions: the
/// next sign-in is limited to enrolling again.
/// </summary>
internal sealed class DisableMfaHandler(
    ClinicDbContext db, UserManager<User> users, ICurrentUser current, AuditTrail audit, RecoveryCodeRedeemer codes,
    SessionIssuer issuer, AccountLockout lockout, TimeProvider clock)
    : IRequestHandler<DisableMfaCommand, Unit>
{
    public async Task<Unit> Handle(DisableMfaCommand command, CancellationToken ct)
    {
        var user = await db.Users.AsTracking().SingleAsync(u => u.Id == current.Id, ct);
        if (!user.TwoFactorEnabled) throw new ConflictException("Two-step sign-in is not on.");
        if (!await lockout.CheckAsync(user.Id, () => ProvesIdentity(user, command, ct), ct))
        {
            audit.Record("mfa.disable", "user", user.Id, null, AuditOutcome.Denied, "wrong_credential");
            await db.SaveChangesAsync(ct);
            var field = string.IsNullOrWhiteSpace(command.Code) ? "currentPassword" : "code";
            throw new FieldValidationException(field, "This does not match. Nothing was changed.");
        }

        await MfaReset.DisableAsync(users, codes, user, ct);
        if (issuer.MfaEnrolmentRequired(user))
            await SessionRevocation.RevokeAllAsync(db, user.Id, clock.GetUtcNow(), "mfa_disabled", ct);
        audit.Record("mfa.disable", "user", user.Id, null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private async Task<bool> ProvesIdentity(User user, DisableMfaCommand command, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(command.Code))
        {
            var code = command.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            return await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)
                   || await codes.RedeemAsync(user.Id, command.Code, ct);
        }
        return user.PasswordHash is not null &&
               users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword!) != PasswordVerificationResult.Failed;
    }
}
