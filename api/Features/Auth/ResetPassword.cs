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

namespace Clinic.Api.Features.Auth;

public sealed record ResetPasswordCommand(string? Token, string? Password) : IRequest<Unit>;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Password).NewPassword();
    }
}

/// <summary>
/// Sets a new password from a reset link: the link works once and for an hour, every other link of
/// the account stops working, every session of the account ends (whoever knew the old password may
/// hold one), and a lock from failed sign-ins is lifted, since the mailbox's owner proved who they are.
/// </summary>
internal sealed class ResetPasswordHandler(ClinicDbContext db, UserManager<User> users, AuditTrail audit, AccountLockout lockout,
    TimeProvider clock)
    : IRequestHandler<ResetPasswordCommand, Unit>
{
    public async Task<Unit> Handle(ResetPasswordCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Invitation.Hash(command.Token!);
        var reset = await db.PasswordResets.AsTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, ct);
        var user = reset is null ? null : await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == reset.UserId, ct);
        if (reset is null || !reset.IsUsableAt(now) || user is not { CanSignIn: true })
        {
            audit.Record("auth.password_reset", "password_reset", reset?.Id, null, AuditOutcome.Denied,
                reset is null ? "unknown_token" : reset.UsedAt is not null ? "used" : now >= reset.ExpiresAt ? "expired" : "account_inactive",
                user?.Id, user?.Role);
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("token", "This reset link is not valid any more: it was used, has expired or was replaced. Ask for a new one.");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, command.Password!);
            if (!result.Succeeded)
                throw new FieldValidationException("password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The link is claimed by one conditional UPDATE before anything else changes: of several requests
        // racing with one link, the others wait on the row and then find it used (issue 26: 8 at once, one 204).
        var claimed = await db.PasswordResets
            .Where(r => r.Id == reset.Id && r.UsedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.UsedAt, now), ct);
        if (claimed == 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            audit.Record("auth.password_reset", "password_reset", reset.Id, null, AuditOutcome.Denied, "used", user.Id, user.Role);
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("token", "This reset link is not valid any more: it was used, has expired or was replaced. Ask for a new one.");
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, command.Password!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        reset.Use(now);
        // Already written by the claim; the tracked copy agrees, so SaveChanges does not write it again.
        db.Entry(reset).Property(r => r.UsedAt).OriginalValue = reset.UsedAt;
        foreach (var other in await db.PasswordResets.AsTracking()
                     .Where(r => r.UserId == user.Id && r.Id != reset.Id && r.UsedAt == null).ToListAsync(ct))
            other.Void(now);
        await SessionRevocation.RevokeAllAsync(db, user.Id, now, "password_reset", ct);
        // Only AccountLockout moves the failure count and the lock (UserConfiguration keeps EF from writing them).
        await lockout.LiftAsync(user.Id, ct);
        audit.Record("auth.password_reset", "password_reset", reset.Id, null, AuditOutcome.Allowed, null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Unit.Value;
    }
}
