using System.Globalization;
using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

public enum ChangeDirection
{
    /// <summary>Not a reliable change: the dashboard must not draw it as movement.</summary>
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("improved")] Improved,
    [JsonStringEnumMemberName("deteriorated")] Deteriorated,
}

public sealed record ReliableChangeResult(
    double Previous,
    double Current,
    double Change,
    double StandardError,
    double DifferenceStandardError,
    double Rci,
    bool IsReliable,
    ChangeDirection Direction,
    string Reading,
    bool ProvisionalParameters);

public enum ReliableChangeMethod
{
    /// <summary>A published threshold in points (PHQ-9 6, GAD-7 4).</summary>
    [JsonStringEnumMemberName("fixedThreshold")] FixedThreshold,
    /// <summary>Jacobson–Truax RCI from a configured SD and reliability.</summary>
    [JsonStringEnumMemberName("rci")] Rci,
    /// <summary>No sourced basis for a verdict: raw change only, and the reason shown.</summary>
    [JsonStringEnumMemberName("none")] None,
}

/// <param name="VerdictAvailable">False when the instrument has no basis for a verdict; <paramref name="Reading"/> says why.</param>
/// <param name="ThresholdPoints">The smallest reliable move in points (fixed, or 1.96 · S_diff for an RCI).</param>
public sealed record ChangeVerdict(
    ReliableChangeMethod Method,
    double Previous,
    double Current,
    double Change,
    bool VerdictAvailable,
    bool IsReliable,
    ChangeDirection Direction,
    double? Rci,
    double? DifferenceStandardError,
    double? ThresholdPoints,
    bool ProvisionalParameters,
    string Reading);

/// <summary>A <see cref="ChangeVerdict"/> without its reading (<see cref="ReliableChange.Assess"/>).</summary>
/// <param name="OutOfRange">An RCI rule whose SD or reliability cannot be used: no verdict, and the reading says why.</param>
public readonly record struct ChangeJudgement(
    ReliableChangeMethod Method,
    double Change,
    bool VerdictAvailable,
    bool IsReliable,
    ChangeDirection Direction,
    double? Rci,
    double? DifferenceStandardError,
    double? ThresholdPoints,
    bool ProvisionalParameters,
    bool OutOfRange = false);

/// <summary>Jacobson &amp; Truax (1991) reliable change index between two administrations.</summary>
public static class ReliableChange
{
    /// <summary>|RCI| must exceed this (two-tailed p &lt; .05) for a change to count as reliable.</summary>
    public const double Threshold = 1.96;

    /// <summary>
    /// SE = SD·√(1 − r); S_diff = √2·SE; RCI = (current − previous) / S_diff.
    /// </summary>
    /// <param name="construct">What the score measures, for the reading ("attachment anxiety").</param>
    /// <param name="lowerIsBetter">True for ECR-RS avoidance and anxiety, so a reliable rise is a deterioration.</param>
    /// <param name="provisionalParameters">Set when SD or r is unsourced configuration; the reading then says so.</param>
    public static ReliableChangeResult Compute(
        double previous,
        double current,
        double sd,
        double reliability,
        string construct = "this score",
        bool lowerIsBetter = true,
        bool provisionalParameters = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);
        // r = 1 would make S_diff zero and every wobble "reliable"; r < 0 has no meaning here.
        if (reliability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reliability), reliability, "Reliability must be in [0, 1).");
        }

        var change = current - previous;
        var standardError = sd * Math.Sqrt(1 - reliability);
        var differenceError = Math.Sqrt(2) * standardError;
        var rci = change / differenceError;
        var isReliable = Math.Abs(rci) > Threshold;
        var direction = DirectionOf(isReliable, change, lowerIsBetter);

        return new ReliableChangeResult(previous, current, change, standardError, differenceError, rci,
            isReliable, direction, Reading(isReliable, rci, construct, provisionalParameters), provisionalParameters);
    }

    /// <summary>
    /// The one reliable-change entry point for a catalogue subscale — it never throws, whatever the rule.
    /// The change between two scores judged by the subscale's own rule (DESIGN §11): a published
    /// fixed threshold in points where there is one (PHQ-9 6, GAD-7 4; a change of that many points
    /// or more is reliable); else the Jacobson–Truax RCI from the configured SD and r; else no
    /// verdict at all, and the reading says why and gives the raw change.
    /// </summary>
    public static ChangeVerdict Judge(double previous, double current, SubscaleDefinition subscale)
    {
        var j = Assess(previous, current, subscale);
        return new ChangeVerdict(j.Method, previous, current, j.Change, j.VerdictAvailable, j.IsReliable, j.Direction,
            j.Rci, j.DifferenceStandardError, j.ThresholdPoints, j.ProvisionalParameters, Words(j, subscale));
    }

    /// <summary>
    /// <see cref="Judge"/> without its reading: the same rule and figures, no sentence. For a caller that decides on the
    /// verdict but shows no words (the caseload's alerts judge every partner's every score on each read).
    /// </summary>
    public static ChangeJudgement Assess(double previous, double current, SubscaleDefinition subscale)
    {
        var rule = subscale.ReliableChange;
        var change = current - previous;
        switch (rule.Method)
        {
            case ReliableChangeMethod.FixedThreshold:
            {
                var points = rule.Threshold!.Points;
                var reliable = Math.Abs(change) >= points;
                return new ChangeJudgement(ReliableChangeMethod.FixedThreshold, change, true, reliable,
                    DirectionOf(reliable, change, subscale.LowerIsBetter), null, null, points, false);
            }
            case ReliableChangeMethod.Rci when rule.Sd!.Value is <= 0 || rule.Reliability!.Value is < 0 or >= 1:
                // The catalogue loader refuses such a rule; one built by hand is no verdict rather than an exception.
                return new ChangeJudgement(ReliableChangeMethod.None, change, false, false, ChangeDirection.None, null, null, null, false,
                    OutOfRange: true);
            case ReliableChangeMethod.Rci:
            {
                // As Compute does it, to the last bit: SE = SD·√(1 − r), S_diff = √2·SE.
                var differenceError = Math.Sqrt(2) * (rule.Sd.Value!.Value * Math.Sqrt(1 - rule.Reliability.Value!.Value));
                var rci = change / differenceError;
                var reliable = Math.Abs(rci) > Threshold;
                return new ChangeJudgement(ReliableChangeMethod.Rci, change, true, reliable, DirectionOf(reliable, change, subscale.LowerIsBetter),
                    rci, differenceError, Threshold * differenceError, !rule.FullySourced);
            }
            default:
                return new ChangeJudgement(ReliableChangeMethod.None, change, false, false, ChangeDirection.None, null, null, null, false);
        }
    }

    /// <summary>The reading of a judgement, in the subscale's words.</summary>
    private static string Words(ChangeJudgement j, SubscaleDefinition subscale)
    {
        var change = j.Change;
        switch (j.Method)
        {
            case ReliableChangeMethod.FixedThreshold:
                var points = j.ThresholdPoints!.Value;
                return j.IsReliable
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"This is a reliable {(change > 0 ? "increase" : "decrease")} in {subscale.Construct} ({change:+0.##;-0.##} points; {points:0.##} or more is reliable).")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"A change of {change:+0.##;-0.##;0} points is within measurement noise ({points:0.##} or more is reliable).");
            case ReliableChangeMethod.Rci:
                return Reading(j.IsReliable, j.Rci!.Value, subscale.Construct, j.ProvisionalParameters);
            default:
                return j.OutOfRange
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"No reliable-change verdict: the RCI's SD or reliability is out of range. Raw change: {change:+0.##;-0.##;0}.")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"No reliable-change verdict: {subscale.ReliableChange.NoVerdictReason} Raw change: {change:+0.##;-0.##;0}.");
        }
    }

    private static ChangeDirection DirectionOf(bool reliable, double change, bool lowerIsBetter) =>
        !reliable ? ChangeDirection.None
        : (change < 0) == lowerIsBetter ? ChangeDirection.Improved : ChangeDirection.Deteriorated;

    private static string Reading(bool isReliable, double rci, string construct, bool provisional)
    {
        var reading = isReliable
            ? string.Create(CultureInfo.InvariantCulture,
                $"This is a reliable {(rci > 0 ? "increase" : "decrease")} in {construct} (RCI {rci:0.00}).")
            : "A change this size is within measurement noise.";
        return provisional
            ? reading + " The reliable-change parameters are not yet fully sourced, so treat this as provisional."
            : reading;
    }
}
