using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

/// <summary>Which way a partner's score is going, in the instrument's own terms (lower PHQ-9 is improving).</summary>
public enum ScoreTrendDirection
{
    /// <summary>A reliable change for the better.</summary>
    [JsonStringEnumMemberName("improving")] Improving,
    /// <summary>A reliable change for the worse.</summary>
    [JsonStringEnumMemberName("worsening")] Worsening,
    /// <summary>Judged, and within measurement noise.</summary>
    [JsonStringEnumMemberName("steady")] Steady,
    /// <summary>No trend can be said: one score only, an unknown instrument version, or an instrument with no
    /// reliable-change rule (CSI-4), whose raw moves are shown but never read as a trend.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>
/// The one "trend" of a score (DESIGN §11, issue 27): a partner's latest score against the one before it
/// (<see cref="Assessment.Chronological{T}"/> order), judged by <see cref="ReliableChange.Judge"/> under the rule of the
/// instrument version the later score was scored with — a published fixed threshold, else an RCI, else no verdict.
/// The assessment list, the couple dashboard's measures and attachment plane, the caseload's alerts and the treatment
/// plan's goals all read their trend from here. It never throws.
/// </summary>
/// <param name="Verdict">The reliable-change verdict behind it; null without two scores or a rule to judge by.</param>
public sealed record ScoreTrend(ScoreTrendDirection Direction, ChangeVerdict? Verdict)
{
    public static readonly ScoreTrend Unknown = new(ScoreTrendDirection.Unknown, null);

    /// <param name="previous">The score before; null when this is the partner's first.</param>
    /// <param name="subscale">The subscale as the later score's version defines it; null when that version is unknown.</param>
    public static ScoreTrend Of(double? previous, double current, SubscaleDefinition? subscale) =>
        previous is { } before && subscale is not null ? From(ReliableChange.Judge(before, current, subscale)) : Unknown;

    /// <summary>The trend a verdict reads as: no verdict is unknown, not reliable is steady, else its direction.</summary>
    public static ScoreTrend From(ChangeVerdict verdict) => new(DirectionOf(verdict.VerdictAvailable, verdict.Direction), verdict);

    /// <summary>
    /// <see cref="Of"/> without the verdict's reading (<see cref="ReliableChange.Assess"/>): the same trend and figures, for a
    /// caller that judges many scores and shows no sentence (the caseload's alerts). Null judgement: no trend can be said.
    /// </summary>
    public static (ScoreTrendDirection Direction, ChangeJudgement? Judgement) Judged(double? previous, double current, SubscaleDefinition? subscale)
    {
        if (previous is not { } before || subscale is null) return (ScoreTrendDirection.Unknown, null);
        var judgement = ReliableChange.Assess(before, current, subscale);
        return (DirectionOf(judgement.VerdictAvailable, judgement.Direction), judgement);
    }

    private static ScoreTrendDirection DirectionOf(bool verdictAvailable, ChangeDirection direction) =>
        !verdictAvailable ? ScoreTrendDirection.Unknown
        : direction switch
        {
            ChangeDirection.Improved => ScoreTrendDirection.Improving,
            ChangeDirection.Deteriorated => ScoreTrendDirection.Worsening,
            _ => ScoreTrendDirection.Steady,
        };

    /// <summary>
    /// The trend of a partner's scores on one subscale: the last two of <paramref name="chronological"/> that carry it,
    /// judged by the later one's rule (<paramref name="ruleOf"/>).
    /// </summary>
    public static ScoreTrend Latest<T>(IEnumerable<T> chronological, Func<T, double?> score, Func<T, SubscaleDefinition?> ruleOf)
    {
        var scored = chronological.Where(s => score(s) is not null).TakeLast(2).ToList();
        return scored.Count < 2 ? Unknown : Of(score(scored[0]), score(scored[1])!.Value, ruleOf(scored[1]));
    }
}
