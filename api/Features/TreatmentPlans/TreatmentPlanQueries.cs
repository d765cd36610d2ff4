using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Dashboard;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

internal static class TreatmentPlanQueries
{
    /// <summary>The couple's plan and its current version, both null before the first save.</summary>
    public static async Task<(TreatmentPlan? Plan, TreatmentPlanVersion? Current)> CurrentPlanAsync(this ClinicDbContext db, Guid coupleId,
        CancellationToken ct, bool tracking = false)
    {
        var plans = tracking ? db.TreatmentPlans.AsTracking() : db.TreatmentPlans;
        var plan = await plans.SingleOrDefaultAsync(p => p.CoupleId == coupleId, ct);
        if (plan is null || plan.Version == 0) return (plan, null);
        var current = await db.TreatmentPlanVersions.SingleAsync(v => v.CoupleId == coupleId && v.Version == plan.Version, ct);
        return (plan, current);
    }

    public static async Task<IReadOnlyList<PlanAgreementDto>> PlanAgreementsAsync(this ClinicDbContext db, Guid coupleId,
        CancellationToken ct) =>
        (await db.TreatmentPlanAgreements.Where(a => a.CoupleId == coupleId)
            .Join(db.Partners, a => a.PartnerId, p => p.Id, (a, p) => new { a.Version, a.SignedAt, a.TypedName, p.Id, p.Label, p.FirstName })
            .ToListAsync(ct))
        .OrderByDescending(a => a.Version).ThenBy(a => a.Label)
        .Select(a => new PlanAgreementDto(a.Id, a.Label, a.FirstName, a.Version, a.SignedAt, a.TypedName)).ToList();

    public static Task<DateOnly?> LastReviewedOnAsync(this ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        db.TreatmentPlanReviews.Where(r => r.CoupleId == coupleId).MaxAsync(r => (DateOnly?)r.ReviewedOn, ct);
}

/// <summary>
/// The record a plan's goals are measured against, read the way the couple dashboard reads it
/// (<see cref="CoupleDashboardQueries"/>, one round trip) and shaped with the dashboard's own rules: the stored
/// session mean, the adherence periods of its weekly band, the catalogue's subscale for the change verdict.
/// </summary>
internal sealed class GoalEvidenceReader(ClinicDbContext db, PracticeCalendar calendar, InstrumentCatalogue instruments)
{
    /// <summary>Null when the couple is not on <paramref name="therapistId"/>'s caseload.</summary>
    public async Task<GoalEvidence?> ReadAsync(Guid therapistId, Guid coupleId, CancellationToken ct)
    {
        var today = calendar.Today();
        var data = await CoupleDashboardQueries.LoadAsync(db, therapistId, coupleId, null, ct);
        await db.Database.CloseConnectionAsync();
        return data is null ? null : From(data, today, instruments);
    }

    public static GoalEvidence From(CoupleDashboardQueries.Dashboard data, DateOnly today, InstrumentCatalogue instruments)
    {
        var labels = data.Partners.ToDictionary(p => p.Id, p => p.Label);
        var ratings = data.Ratings.ToLookup(r => r.SessionId);
        var thisWeek = Adherence.WeekStart(today);
        var weeks = Enumerable.Range(0, GoalEvaluator.HomeworkWeeks)
            .Select(i => thisWeek.AddDays(-7 * (GoalEvaluator.HomeworkWeeks - 1 - i))).ToList();
        return new GoalEvidence
        {
            Today = today,
            Partners = labels,
            Scores = data.Assessments.Where(a => labels.ContainsKey(a.PartnerId))
                .Select(a => new ScoreFact(a.InstrumentCode, labels[a.PartnerId], a.AdministeredOn, a.Scores, a.InstrumentVersion, a.CreatedAt))
                .ToList(),
            Subscale = (code, version, subscale) => instruments.Find(code, version)?.Subscales.FirstOrDefault(s => s.Code == subscale),
            Sessions = data.Sessions.Where(s => s.Date <= today).Select(s => new SessionFact(s.Date, s.EftStage, s.CycleMean,
                ratings[s.Id].Where(r => labels.ContainsKey(r.PartnerId)).ToDictionary(r => labels[r.PartnerId], r => r.Intensity))).ToList(),
            HomeworkWeeks = GetCoupleDashboardHandler.AdherencePeriods(data.Assignments, data.Entries, data.Partners, weeks, today),
        };
    }
}
