using Clinic.Api.Data;
using Clinic.Api.Domain.CycleMaps;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.CycleMaps;

internal static class CycleMapQueries
{
    /// <summary>The couple's map and its current version, both null before the first save.</summary>
    public static async Task<(CycleMap? Map, CycleMapVersion? Current)> CurrentCycleMapAsync(this ClinicDbContext db, Guid coupleId,
        CancellationToken ct, bool tracking = false)
    {
        var maps = tracking ? db.CycleMaps.AsTracking() : db.CycleMaps;
        var map = await maps.SingleOrDefaultAsync(m => m.CoupleId == coupleId, ct);
        if (map is null || map.Version == 0) return (map, null);
        var current = await db.CycleMapVersions.SingleAsync(v => v.CoupleId == coupleId && v.Version == map.Version, ct);
        return (map, current);
    }
}
