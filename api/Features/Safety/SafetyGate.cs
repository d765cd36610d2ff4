using Clinic.Api.Data;
using Clinic.Api.Domain.Safety;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

/// <summary>
/// DESIGN §4a: conjoint work is contraindicated while a partner may be unsafe. Other features ask
/// this before anything joint (an exercise assigned to both) and require an audited confirmation.
/// </summary>
public static class SafetyGate
{
    public static async Task<bool> HasOpenFlagAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        await db.SafetyFlags.AnyAsync(f => f.CoupleId == coupleId && f.Status == SafetyFlagStatus.Open, ct);

    public static async Task<bool> JointSessionsPausedAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        await db.RiskRecords.AnyAsync(r => r.CoupleId == coupleId && r.JointSessionsPaused, ct);

    /// <summary>True while any flag of the couple is open or either partner's risk record pauses joint sessions.</summary>
    public static async Task<bool> NeedsJointConfirmationAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        await HasOpenFlagAsync(db, coupleId, ct) || await JointSessionsPausedAsync(db, coupleId, ct);
}
