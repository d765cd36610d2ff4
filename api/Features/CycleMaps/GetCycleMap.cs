using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;

namespace Clinic.Api.Features.CycleMaps;

public sealed record GetCycleMapQuery(Guid CoupleId) : IRequest<CycleMapDto>;

internal sealed class GetCycleMapHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetCycleMapQuery, CycleMapDto>
{
    public async Task<CycleMapDto> Handle(GetCycleMapQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var (map, current) = await db.CurrentCycleMapAsync(couple.Id, ct);
        audit.Record("cycle_map.read", "cycle_map", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return CycleMapMapping.ToDto(couple, map, current);
    }
}
