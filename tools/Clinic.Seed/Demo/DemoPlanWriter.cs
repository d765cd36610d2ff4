using Clinic.Api.Data;
using Clinic.Api.Domain.TreatmentPlans;

namespace Clinic.Seed.Demo;

public sealed partial class DemoClinicalWriter
{
    /// <summary>
    /// The couple's treatment plan (issue 29), saved through the plan's own rule as one version on its day, and reviewed
    /// when the file says so — the review clock then runs from the review, so a plan saved long ago and never reviewed
    /// shows "plan review due" on the caseload.
    /// </summary>
    public void AddPlan(DemoCoupleContext c, DemoPlan? demo)
    {
        if (demo is null) return;
        var savedOn = c.DaysAgo(demo.SavedDaysAgo);
        var at = SeedIds.At(savedOn, new TimeOnly(19, 0));
        var plan = TreatmentPlan.Start(c.Couple.Id, demo.ReviewEvery, savedOn, at);
        try
        {
            db.TreatmentPlanVersions.Add(plan.Save(0, null, demo.Problems, demo.Goals.Select(Goal).ToList(), demo.ReviewEvery, c.Therapist.Id,
                c.Therapist.DisplayName, at));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Couple {c.Key}: treatment plan: {e.Message}", e);
        }
        if (demo.Review is { } review)
        {
            var reviewedOn = c.DaysAgo(review.DaysAgo);
            db.TreatmentPlanReviews.Add(plan.Review(review.Summary, review.Changes ?? "", reviewedOn, c.Therapist.Id, c.Therapist.DisplayName,
                SeedIds.At(reviewedOn, new TimeOnly(19, 30))));
        }
        db.TreatmentPlans.Add(plan);
    }

    /// <summary>A closed couple's closing summary, signed on the day it closed.</summary>
    public void AddClosing(DemoCoupleContext c, DemoClosing? demo)
    {
        if (demo is null) return;
        if (c.Couple.ClosedOn is not { } closedOn) throw new InvalidDataException($"Couple {c.Key}: only a closed couple has a closing summary.");
        if (!SnakeCaseEnumConverter<ClosingReason>.TryFromWire(demo.Reason, out var reason))
            throw new InvalidDataException($"Couple {c.Key}: unknown closing reason '{demo.Reason}'.");
        db.ClosingSummaries.Add(ClosingSummary.Sign(c.Couple.Id, reason, demo.Summary, closedOn, false, c.Therapist.Id, c.Therapist.DisplayName,
            SeedIds.At(closedOn, new TimeOnly(18, 30))));
    }

    private static PlanGoalDetails Goal(DemoPlanGoal g) => new(null, Wire<GoalOwner>(g.Owner), g.Statement, null,
        (g.Interventions ?? []).Select(i => new GoalIntervention(i.Stage, i.Step, i.Text)).ToList(), Wire<GoalStatus>(g.Status ?? "active"),
        g.Measure is { } m
            ? new GoalMeasure(Wire<MeasureKind>(m.Kind), m.Instrument, m.Subscale, Wire<MeasurePartner>(m.Partner ?? "both"),
                Wire<MeasureComparison>(m.Comparison), m.Target)
            : null);

    private static T Wire<T>(string value) where T : struct, Enum =>
        SnakeCaseEnumConverter<T>.TryFromWire(value, out var result) ? result : throw new InvalidDataException($"Unknown {typeof(T).Name} '{value}'.");
}
