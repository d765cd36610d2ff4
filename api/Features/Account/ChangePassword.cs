using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Mfa;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Account;

public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : IRequest<Unit>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(1024);
        RuleFor(c => c.NewPassword).NewPassword();
    }
}

/// <summary>
/// A new password ends every session of the user, this one included: whoever knew the old
/// password may hold a session, and the caller signs in again with the new one.
/// </summary>
internal sealed class ChangePasswordHandler(ClinicDbContext db, UserManager<User> users, ICurrentUser current, AuditTrail audit,
    AccountLockout lockout, TimeProvider clock) : IRequestHandler<ChangePasswordCommand, Unit>
{
    public async Task<Unit> Handle(ChangePasswordCommand command, CancellationToken ct)
    {
        var user = await db.Users.AsTracking().SingleAsync(u => u.Id == current.Id, ct);
        if (!await lockout.CheckPasswordAsync(user, command.CurrentPassword, ct))
        {
            audit.Record("auth.password_change", "user", user.Id, null, AuditOutcome.Denied, "wrong_password");
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("currentPassword", "The current password is not right.");
        }
        var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
        if (!changed.Succeeded)
            throw new FieldValidationException("newPassword", string.Join(" ", changed.Errors.Select(e => e.Description)));
        await SessionRevocation.RevokeAllAsync(db, user.Id, clock.GetUtcNow(), "password_changed", ct);
        audit.Record("auth.password_change", "user", user.Id, null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
