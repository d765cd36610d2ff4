using Clinic.Api.Data;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.CycleMaps;

public sealed record GetPortalCycleMapQuery : IRequest<PortalCycleMapDto>;

/// <summary>
/// The shared map as both partners see it: the version pinned when it was shared, "updated on" its save. Built field by field from the map alone, so nothing else
/// the therapist keeps (risk records, notes, the partner's private entries) can ride along.
/// </summary>
internal sealed class GetPortalCycleMapHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetPortalCycleMapQuery, PortalCycleMapDto>
{
    public async Task<PortalCycleMapDto> Handle(GetPortalCycleMapQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        // The version that was shared, not the latest save: that stays with the therapist until shared again.
        var map = await db.CycleMaps.SingleOrDefaultAsync(m => m.CoupleId == couple.Id, ct);
        if (map is not { IsShared: true, SharedVersion: { } shared }) throw new NotFoundException("cycle map");
        var current = await db.CycleMapVersions.SingleAsync(v => v.CoupleId == couple.Id && v.Version == shared, ct);
        audit.Record("portal.cycle_map.read", "cycle_map", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        var sides = CycleMapMapping.Sides(couple, current).Select(s => new PortalCycleMapSideDto(s.Label, s.PartnerId == me.Id,
            s.Trigger, s.Moves, s.MoveInOwnWords, s.Feeling, s.Fear, s.Need)).ToList();
        return new PortalCycleMapDto(sides, current.Exit, current.SavedAt);
    }
}
