using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

public sealed record CheckPasswordResetCommand(string? Token) : IRequest<PasswordResetLinkDto>;

/// <param name="Email">The account's sign-in email, so the sign-in page after the reset has it filled in.</param>
public sealed record PasswordResetLinkDto(string Email);

public sealed class CheckPasswordResetValidator : AbstractValidator<CheckPasswordResetCommand>
{
    public CheckPasswordResetValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

/// <summary>
/// Whether a reset link still works, asked when the page opens — before anyone types a new password for a link
/// that was used, replaced or has expired. The link is the credential (it came to the account's mailbox), so a
/// working one answers with the account's email; a spent one says which way it is spent. Changes nothing.
/// </summary>
internal sealed class CheckPasswordResetHandler(ClinicDbContext db, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<CheckPasswordResetCommand, PasswordResetLinkDto>
{
    public async Task<PasswordResetLinkDto> Handle(CheckPasswordResetCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Invitation.Hash(command.Token!);
        var reset = await db.PasswordResets.SingleOrDefaultAsync(r => r.TokenHash == hash, ct);
        var user = reset is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == reset.UserId, ct);
        if (reset is null || !reset.IsUsableAt(now) || user is not { CanSignIn: true })
        {
            var (reason, message) = reset switch
            {
                null => ("unknown_token", "This reset link is not one we sent, or it was cut short. Open the full link from the email, or ask for a new one."),
                { UsedAt: not null } => ("used", "This reset link has already been used, or a newer link replaced it. Ask for a new one if you still need it."),
                _ when now >= reset.ExpiresAt => ("expired", "This reset link has expired (links work for an hour). Ask for a new one."),
                _ => ("account_inactive", "This reset link is not valid any more. Ask for a new one."),
            };
            audit.Record("auth.password_reset_check", "password_reset", reset?.Id, null, AuditOutcome.Denied, reason, user?.Id, user?.Role);
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("token", message);
        }
        audit.Record("auth.password_reset_check", "password_reset", reset.Id, null, AuditOutcome.Allowed, null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        return new PasswordResetLinkDto(user.Email!);
    }
}
