using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.CycleMaps;

public sealed record ListCycleMapVersionsQuery(Guid CoupleId) : IRequest<IReadOnlyList<CycleMapVersionDto>>;

/// <summary>Every saved state of the map, newest first: how the couple's picture of their cycle grew.</summary>
internal sealed class ListCycleMapVersionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListCycleMapVersionsQuery, IReadOnlyList<CycleMapVersionDto>>
{
    public async Task<IReadOnlyList<CycleMapVersionDto>> Handle(ListCycleMapVersionsQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var versions = await db.CycleMapVersions.Where(v => v.CoupleId == couple.Id).OrderByDescending(v => v.Version).ToListAsync(ct);
        audit.Record("cycle_map.history", "cycle_map", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return versions.Select(v => new CycleMapVersionDto(v.Version, v.SavedAt, v.SavedByName, CycleMapMapping.Sides(couple, v), v.Exit))
            .ToList();
    }
}
