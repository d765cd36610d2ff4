using Clinic.Api.Data;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

/// <summary>
/// DESIGN §4a: conjoint work is contraindicated while a partner may be unsafe. Other features ask
/// this before anything joint (an exercise assigned to both) and require an audited confirmation.
/// </summary>
public static class SafetyGate
{
    public static async Task<bool> HasOpenFlagAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        await db.SafetyFlags.Where(f => f.CoupleId == coupleId).AnyAsync(SafetyFlag.Open, ct);

    public static async Task<bool> JointSessionsPausedAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        await db.RiskRecords.Where(r => r.CoupleId == coupleId).AnyAsync(RiskRecord.PausesJointWork, ct);

    /// <summary>True while any flag of the couple is open or either partner's risk record pauses joint sessions.</summary>
    public static async Task<bool> NeedsJointConfirmationAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        await HasOpenFlagAsync(db, coupleId, ct) || await JointSessionsPausedAsync(db, coupleId, ct);

    /// <summary>The same gate over records already in memory (the couple's flags and risk records), by the same expressions.</summary>
    public static bool BlocksJointWork(IEnumerable<SafetyFlag> flags, IEnumerable<RiskRecord> records) =>
        flags.Any(f => f.IsOpen) || records.Any(r => r.PausesJoint);

    /// <summary>
    /// For a joint write: passes when the gate is open; while it is closed, refuses with a 409 whose
    /// problem body carries <c>requiresSafetyConfirmation: true</c> unless the therapist confirmed.
    /// Returns true when the write goes ahead on that confirmation — the caller audits it.
    /// </summary>
    public static async Task<bool> RequireJointConfirmationAsync(ClinicDbContext db, Guid coupleId, bool confirmed,
        CancellationToken ct)
    {
        if (!await NeedsJointConfirmationAsync(db, coupleId, ct)) return false;
        if (!confirmed)
            throw new ConflictException(
                "A safety concern is open for this couple or joint sessions are paused. Confirm that joint work is appropriate to go ahead.",
                new Dictionary<string, object?> { ["requiresSafetyConfirmation"] = true });
        return true;
    }
}
