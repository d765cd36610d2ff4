using Clinic.Api.Domain.Assessments;
using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.TreatmentPlans;

public enum MeasureKind
{
    /// <summary>An instrument's subscale (CSI-4 total, PHQ-9 total, ECR-RS anxiety): the latest score.</summary>
    [JsonStringEnumMemberName("instrument")] Instrument,
    /// <summary>Mean partner intensity over the last three sessions with a cycle rating (the caseload's trend window).</summary>
    [JsonStringEnumMemberName("cycle")] Cycle,
    /// <summary>The highest EFT stage a session has reached.</summary>
    [JsonStringEnumMemberName("stage")] Stage,
    /// <summary>Homework adherence in per cent over the last four weeks (the dashboards' weekly adherence, combined).</summary>
    [JsonStringEnumMemberName("homework")] Homework,
}

/// <summary>Whose evidence a measure reads: each partner's own, or (for the cycle and homework) both together.</summary>
public enum MeasurePartner
{
    [JsonStringEnumMemberName("both")] Both,
    [JsonStringEnumMemberName("partner_a")] PartnerA,
    [JsonStringEnumMemberName("partner_b")] PartnerB,
}

public enum MeasureComparison
{
    [JsonStringEnumMemberName("at_least")] AtLeast,
    [JsonStringEnumMemberName("at_most")] AtMost,
}

/// <summary>The goal's movement relative to its target, from the measure's own change rule.</summary>
public enum GoalTrend
{
    [JsonStringEnumMemberName("improving")] Improving,
    [JsonStringEnumMemberName("worsening")] Worsening,
    [JsonStringEnumMemberName("steady")] Steady,
}

/// <summary>How a goal measures itself: <c>CSI-4 total ≥ 14</c>, <c>cycle ≤ 3</c>, <c>stage ≥ 2</c>, <c>homework ≥ 60 %</c>.</summary>
public sealed record GoalMeasure(MeasureKind Kind, string? Instrument, string? Subscale, MeasurePartner Partner,
    MeasureComparison Comparison, double Target)
{
    public bool Meets(double value) => Comparison == MeasureComparison.AtLeast ? value >= Target : value <= Target;

    /// <summary>How far the value is from the target (0 once it is met).</summary>
    public double Distance(double value) =>
        Math.Round(Math.Max(0, Comparison == MeasureComparison.AtLeast ? Target - value : value - Target), 2);

    /// <summary>A change read against the target: up is better for "at least", down for "at most".</summary>
    public GoalTrend TrendOf(double change) =>
        change == 0 ? GoalTrend.Steady
        : (change > 0) == (Comparison == MeasureComparison.AtLeast) ? GoalTrend.Improving : GoalTrend.Worsening;

    /// <summary>
    /// A score's <see cref="ScoreTrend"/> read against the target: steady stays steady, a reliable move is read by its
    /// sign (toward an "at most" target is down), and no trend (one score, no verdict) is none.
    /// </summary>
    public GoalTrend? TrendOf(ScoreTrend trend) => trend.Direction switch
    {
        ScoreTrendDirection.Unknown => null,
        ScoreTrendDirection.Steady => GoalTrend.Steady,
        _ => TrendOf(trend.Verdict!.Change),
    };
}
