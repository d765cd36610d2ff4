using Clinic.Api.Domain.TreatmentPlans;

namespace Clinic.Api.Features.TreatmentPlans;

/// <summary>
/// A goal as the therapist reads it: what was saved, and <c>Progress</c> computed now from the record (null without a
/// measure). A reached target does not change <c>Status</c>: the therapist confirms "met".
/// </summary>
public sealed record TreatmentPlanGoalDto(Guid Id, GoalOwner Owner, string Statement, DateOnly? TargetDate,
    IReadOnlyList<GoalIntervention> Interventions, GoalStatus Status, DateTimeOffset StatusChangedAt, string StatusChangedByName,
    GoalMeasure? Measure, GoalProgress? Progress);

/// <summary>
/// The couple's current plan (version 0, no goals, before the first save). <c>Version</c> is what a save sends back.
/// <c>ReviewEvery</c> is in weeks; <c>ReviewDueOn</c> is <c>reviewEvery</c> weeks after the first save or the last review.
/// </summary>
/// <param name="Agreements">Each partner's agreement to a version in the portal, newest first: who agreed to which version.</param>
public sealed record TreatmentPlanDto(Guid CoupleId, int Version, DateTimeOffset? SavedAt, string? SavedByName,
    IReadOnlyList<string> ProblemStatements, IReadOnlyList<TreatmentPlanGoalDto> Goals, int ReviewEvery, DateOnly? ReviewDueOn,
    bool ReviewDue, DateOnly? LastReviewedOn, IReadOnlyList<PlanAgreementDto> Agreements);

public sealed record PlanAgreementDto(Guid PartnerId, Domain.Couples.PartnerLabel Partner, string FirstName, int Version, DateTimeOffset SignedAt,
    string TypedName);

/// <summary>One saved version, as it was saved (no live progress: history is what the plan said then).</summary>
public sealed record TreatmentPlanVersionDto(int Version, DateTimeOffset SavedAt, string SavedByName, IReadOnlyList<string> ProblemStatements,
    IReadOnlyList<PlanGoal> Goals, int ReviewEvery);

public sealed record TreatmentPlanReviewDto(Guid Id, int PlanVersion, DateOnly ReviewedOn, DateTimeOffset ReviewedAt, string ReviewedByName,
    string Summary, string Changes);

internal static class TreatmentPlanMapping
{
    /// <summary>A new plan's review interval until the therapist sets one.</summary>
    public const int DefaultReviewEvery = 6;

    public static TreatmentPlanDto ToDto(Guid coupleId, TreatmentPlan? plan, TreatmentPlanVersion? current, GoalEvidence? evidence,
        DateOnly today, DateOnly? lastReviewedOn, IReadOnlyList<PlanAgreementDto> agreements) =>
        new(coupleId, plan?.Version ?? 0, current?.SavedAt, current?.SavedByName, current?.ProblemStatements ?? [],
            (current?.Goals ?? []).Select(g => Goal(g, evidence)).ToList(),
            plan?.ReviewEveryWeeks ?? DefaultReviewEvery,
            plan is { Version: > 0 } ? plan.ReviewDueOn : null,
            plan is { Version: > 0 } && plan.ReviewDueOn <= today, lastReviewedOn, agreements);

    public static TreatmentPlanGoalDto Goal(PlanGoal g, GoalEvidence? evidence) =>
        new(g.Id, g.Owner, g.Statement, g.TargetDate, g.Interventions, g.Status, g.StatusChangedAt, g.StatusChangedByName, g.Measure,
            g.Measure is { } m && evidence is not null ? GoalEvaluator.Evaluate(m, evidence) : null);

    public static TreatmentPlanVersionDto Version(TreatmentPlanVersion v) =>
        new(v.Version, v.SavedAt, v.SavedByName, v.ProblemStatements, v.Goals, v.ReviewEveryWeeks);

    public static TreatmentPlanReviewDto Review(TreatmentPlanReview r) =>
        new(r.Id, r.PlanVersion, r.ReviewedOn, r.ReviewedAt, r.ReviewedByName, r.Summary, r.Changes);
}
