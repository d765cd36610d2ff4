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
        var direction = !isReliable
            ? ChangeDirection.None
            : (change < 0) == lowerIsBetter ? ChangeDirection.Improved : ChangeDirection.Deteriorated;

        return new ReliableChangeResult(previous, current, change, standardError, differenceError, rci,
            isReliable, direction, Reading(isReliable, rci, construct, provisionalParameters), provisionalParameters);
    }

    /// <summary>Uses the subscale's catalogue parameters and flags the result when any is unsourced.</summary>
    public static ReliableChangeResult Compute(double previous, double current, SubscaleDefinition subscale) =>
        Compute(previous, current,
            subscale.ReliableChange.Sd.Value,
            subscale.ReliableChange.Reliability.Value,
            subscale.Label.ToLowerInvariant(),
            subscale.LowerIsBetter,
            provisionalParameters: !subscale.ReliableChange.FullySourced);

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
