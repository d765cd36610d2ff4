using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

public sealed record ListTreatmentPlanVersionsQuery(Guid CoupleId) : IRequest<IReadOnlyList<TreatmentPlanVersionDto>>;

/// <summary>Every saved state of the plan, newest first: what the plan said, and when, at each save.</summary>
internal sealed class ListTreatmentPlanVersionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListTreatmentPlanVersionsQuery, IReadOnlyList<TreatmentPlanVersionDto>>
{
    public async Task<IReadOnlyList<TreatmentPlanVersionDto>> Handle(ListTreatmentPlanVersionsQuery query, CancellationToken ct)
    {
        await db.EnsureOwnedCoupleAsync(user, query.CoupleId, ct);
        var versions = await db.TreatmentPlanVersions.Where(v => v.CoupleId == query.CoupleId).OrderByDescending(v => v.Version)
            .ToListAsync(ct);
        audit.Record("treatment_plan.history", "treatment_plan", query.CoupleId, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return versions.Select(TreatmentPlanMapping.Version).ToList();
    }
}
