using Clinic.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>Ends sessions at once: every access token naming them fails on its next request.</summary>
public static class SessionRevocation
{
    public static Task<int> RevokeAllAsync(ClinicDbContext db, Guid userId, DateTimeOffset now, string reason, CancellationToken ct) =>
        db.AuthSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);

    /// <summary>Every open session of the user but <paramref name="keep"/> ("sign out everywhere else").</summary>
    public static Task<int> RevokeAllButAsync(ClinicDbContext db, Guid userId, Guid keep, DateTimeOffset now, string reason,
        CancellationToken ct) =>
        db.AuthSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);

    /// <summary>Every open session of the couple's partners: closing a couple shuts its portal.</summary>
    public static Task<int> RevokePortalAsync(ClinicDbContext db, Guid coupleId, DateTimeOffset now, string reason, CancellationToken ct) =>
        db.AuthSessions.Where(s => s.RevokedAt == null && db.Partners.Any(p => p.CoupleId == coupleId && p.UserId == s.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
}
