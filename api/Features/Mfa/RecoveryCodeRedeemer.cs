using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Mfa;

/// <summary>
/// Our replacement for UserManager.RedeemTwoFactorRecoveryCodeAsync, whose default store keeps
/// recovery codes in plain text. Codes here are hashed, and redeeming is one conditional UPDATE,
/// so two racing sign-ins cannot both spend the same code.
/// </summary>
public sealed class RecoveryCodeRedeemer(ClinicDbContext db, TimeProvider clock)
{
    public async Task<bool> RedeemAsync(Guid userId, string typed, CancellationToken ct)
    {
        if (RecoveryCode.Normalise(typed).Length != 10) return false;
        var hash = RecoveryCode.Hash(typed);
        var now = clock.GetUtcNow();
        return await db.RecoveryCodes.Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;
    }

    /// <summary>Replaces every code of the user with ten new ones; returns the plain values to show once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(Guid userId, CancellationToken ct)
    {
        await RemoveAllAsync(userId, ct);
        var (codes, values) = RecoveryCode.Generate(userId, clock.GetUtcNow());
        db.RecoveryCodes.AddRange(codes);
        return values;
    }

    public Task<int> RemoveAllAsync(Guid userId, CancellationToken ct) =>
        db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
}

/// <summary>Turns MFA off for a user: used by the user themselves and by an admin's reset.</summary>
public static class MfaReset
{
    public static async Task DisableAsync(Microsoft.AspNetCore.Identity.UserManager<User> users, RecoveryCodeRedeemer codes,
        User user, CancellationToken ct)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        // A fresh key voids the old one: an authenticator app still holding it proves nothing.
        await users.ResetAuthenticatorKeyAsync(user);
        await codes.RemoveAllAsync(user.Id, ct);
    }
}
