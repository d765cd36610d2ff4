using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Portal;

/// <summary>
/// A client's own profile: nothing the therapist keeps about the couple, nothing about the partner.
/// <c>MapShared</c> says whether the portal has a cycle map to show, <c>HasTreatmentPlan</c> whether it has a treatment plan
/// (so it need not ask and be told 404).
/// </summary>
public sealed record PortalMeDto(Guid Id, string FirstName, string LastName, string? Pronouns, PartnerLabel Label, bool MapShared,
    bool HasTreatmentPlan);

public sealed record GetPortalMeQuery : IRequest<PortalMeDto>;

internal sealed class GetPortalMeHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetPortalMeQuery, PortalMeDto>
{
    public async Task<PortalMeDto> Handle(GetPortalMeQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var mapShared = await db.CycleMaps.AnyAsync(m => m.CoupleId == couple.Id && m.SharedAt != null && m.Version > 0, ct);
        var hasPlan = await db.TreatmentPlans.AnyAsync(p => p.CoupleId == couple.Id && p.Version > 0, ct);
        audit.Record("portal.me.read", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new PortalMeDto(me.Id, me.FirstName, me.LastName, me.Pronouns, me.Label, mapShared, hasPlan);
    }
}
