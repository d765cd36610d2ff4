using Clinic.Api.Data;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;

namespace Clinic.Api.Features.CycleMaps;

public sealed record GetPortalCycleMapQuery : IRequest<PortalCycleMapDto>;

/// <summary>
/// The shared map as both partners see it. Built field by field from the map alone, so nothing else
/// the therapist keeps (risk records, notes, the partner's private entries) can ride along.
/// </summary>
internal sealed class GetPortalCycleMapHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetPortalCycleMapQuery, PortalCycleMapDto>
{
    public async Task<PortalCycleMapDto> Handle(GetPortalCycleMapQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var (map, current) = await db.CurrentCycleMapAsync(couple.Id, ct);
        if (map is not { IsShared: true } || current is null) throw new NotFoundException("cycle map");
        audit.Record("portal.cycle_map.read", "cycle_map", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        var sides = CycleMapMapping.Sides(couple, current).Select(s => new PortalCycleMapSideDto(s.Label, s.PartnerId == me.Id,
            s.Trigger, s.Moves, s.MoveInOwnWords, s.Feeling, s.Fear, s.Need)).ToList();
        return new PortalCycleMapDto(sides, current.Exit, current.SavedAt);
    }
}
