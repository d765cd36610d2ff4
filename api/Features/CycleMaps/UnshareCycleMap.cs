using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;

namespace Clinic.Api.Features.CycleMaps;

public sealed record UnshareCycleMapCommand(Guid CoupleId) : IRequest<CycleMapDto>;

/// <summary>The portal stops showing the map at once; the map and its versions stay.</summary>
internal sealed class UnshareCycleMapHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<UnshareCycleMapCommand, CycleMapDto>
{
    public async Task<CycleMapDto> Handle(UnshareCycleMapCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var (map, current) = await db.CurrentCycleMapAsync(couple.Id, ct, tracking: true);
        map?.Unshare();
        audit.Record("cycle_map.unshare", "cycle_map", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return CycleMapMapping.ToDto(couple, map, current);
    }
}
