using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;

namespace Clinic.Api.Features.TreatmentPlans;

public sealed record GetTreatmentPlanQuery(Guid CoupleId) : IRequest<TreatmentPlanDto>;

internal sealed class GetTreatmentPlanHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, GoalEvidenceReader evidence,
    PracticeCalendar calendar) : IRequestHandler<GetTreatmentPlanQuery, TreatmentPlanDto>
{
    public async Task<TreatmentPlanDto> Handle(GetTreatmentPlanQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var (plan, current) = await db.CurrentPlanAsync(couple.Id, ct);
        var reviewed = await db.LastReviewedOnAsync(couple.Id, ct);
        var facts = current?.Goals.Any(g => g.Measure is not null) == true
            ? await evidence.ReadAsync(user.Id, couple.Id, ct) ?? throw new NotFoundException("couple", couple.Id)
            : null;
        audit.Record("treatment_plan.read", "treatment_plan", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return TreatmentPlanMapping.ToDto(couple.Id, plan, current, facts, calendar.Today(), reviewed,
            await db.PlanAgreementsAsync(couple.Id, ct));
    }
}
