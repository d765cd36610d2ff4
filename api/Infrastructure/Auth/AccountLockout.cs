using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// Five wrong passwords or codes lock an account for 15 minutes. Every step is one conditional UPDATE,
/// so attempts made in parallel cannot overtake the count: an attempt is claimed before the password
/// is checked, and a claim is refused while the account is locked or five claims are open. Of eight
/// wrong passwords sent at once, five are checked and three are refused unchecked; the right password
/// after them is refused too.
/// </summary>
/// <remarks>
/// Identity's AccessFailedAsync reads the user, changes the count and writes it back under a
/// concurrency stamp: parallel failures lost their updates and answered 409, which also told an
/// attacker that the email exists (an unknown email never conflicts). Only this class moves
/// <c>access_failed_count</c> and <c>lockout_end</c> (UserConfiguration keeps EF from writing them).
/// </remarks>
public sealed class AccountLockout(ClinicDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A signed-in user's password or code, checked as a counted attempt (password change, MFA
    /// enrolment, turning MFA off): a wrong one counts towards the lockout as at sign-in, and while
    /// the account is locked nothing is checked at all.
    /// </summary>
    public async Task<bool> CheckAsync(Guid userId, Func<Task<bool>> check, CancellationToken ct)
    {
        if (!await TryClaimAsync(userId, ct))
            throw new TooManyAttemptsException("Too many wrong attempts: the account is locked for 15 minutes. Nothing was changed.", Duration);
        var right = await check();
        if (right) await SucceededAsync(userId, ct);
        else await FailedAsync(userId, ct);
        return right;
    }

    /// <summary><see cref="CheckAsync"/> for the user's password.</summary>
    public Task<bool> CheckPasswordAsync(User user, string? password, CancellationToken ct) =>
        CheckAsync(user.Id, () => Task.FromResult(user.PasswordHash is not null && !string.IsNullOrEmpty(password) &&
            hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed), ct);

    /// <summary>Claims one attempt at the user's password or code; false while the account is locked.</summary>
    public async Task<bool> TryClaimAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Users
            .Where(u => u.Id == userId && (u.LockoutEnd == null || u.LockoutEnd <= now) && u.AccessFailedCount < MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct) == 1;
    }

    /// <summary>The claimed attempt failed: it stays counted, and the fifth locks the account.</summary>
    public async Task FailedAsync(Guid userId, CancellationToken ct)
    {
        var lockedUntil = clock.GetUtcNow() + Duration;
        await db.Users.Where(u => u.Id == userId && u.AccessFailedCount >= MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, lockedUntil).SetProperty(u => u.AccessFailedCount, 0), ct);
    }

    /// <summary>The password and any code were right: earlier failures are forgiven.</summary>
    public Task SucceededAsync(Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId && u.AccessFailedCount != 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), ct);

    /// <summary>
    /// Lifts a lock and forgets the failures: the owner proved who they are another way (a password
    /// reset link from their mailbox). Joins the caller's transaction.
    /// </summary>
    public Task LiftAsync(Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId && (u.AccessFailedCount != 0 || u.LockoutEnd != null))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);

    /// <summary>
    /// The attempt neither failed nor finished (a right password awaiting its code): its claim is
    /// returned, so asking for the code never counts, and only a wrong code does.
    /// </summary>
    public Task ReleaseAsync(Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId && u.AccessFailedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount - 1), ct);
}
