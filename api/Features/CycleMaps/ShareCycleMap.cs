using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;

namespace Clinic.Api.Features.CycleMaps;

public sealed record ShareCycleMapCommand(Guid CoupleId) : IRequest<CycleMapDto>;

/// <summary>Both partners see the latest saved version in the portal until it is unshared.</summary>
internal sealed class ShareCycleMapHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ShareCycleMapCommand, CycleMapDto>
{
    public async Task<CycleMapDto> Handle(ShareCycleMapCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var (map, current) = await db.CurrentCycleMapAsync(couple.Id, ct, tracking: true);
        if (map is null || current is null) throw new ConflictException("Save the cycle map before sharing it.");
        couple.EnsureOpen();
        map.Share(user.Id, clock.GetUtcNow());
        audit.Record("cycle_map.share", "cycle_map", couple.Id, couple.Id, detail: $"version {map.Version}");
        await db.SaveChangesAsync(ct);
        return CycleMapMapping.ToDto(couple, map, current);
    }
}
