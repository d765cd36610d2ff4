using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Mfa;

public sealed record ConfirmMfaEnrolmentCommand(string Code) : IRequest<MfaRecoveryCodesDto>;

public sealed record MfaRecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

public sealed class ConfirmMfaEnrolmentValidator : AbstractValidator<ConfirmMfaEnrolmentCommand>
{
    public ConfirmMfaEnrolmentValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(16);
}

internal sealed class ConfirmMfaEnrolmentHandler(
    ClinicDbContext db, UserManager<User> users, ICurrentUser current, AuditTrail audit, RecoveryCodeRedeemer codes)
    : IRequestHandler<ConfirmMfaEnrolmentCommand, MfaRecoveryCodesDto>
{
    public async Task<MfaRecoveryCodesDto> Handle(ConfirmMfaEnrolmentCommand command, CancellationToken ct)
    {
        var user = await db.Users.AsTracking().SingleAsync(u => u.Id == current.Id, ct);
        if (user.TwoFactorEnabled) throw new ConflictException("Two-step sign-in is already on.");
        if (await users.GetAuthenticatorKeyAsync(user) is null)
            throw new ConflictException("Start the enrolment first.");
        var code = command.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            audit.Record("mfa.enrolment_confirm", "user", user.Id, null, Domain.Audit.AuditOutcome.Denied, "wrong_code");
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("code", "This code does not match. Check the time on your device and try the current code.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        var values = await codes.ReplaceAsync(user.Id, ct);
        audit.Record("mfa.enable", "user", user.Id, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MfaRecoveryCodesDto(values);
    }
}
