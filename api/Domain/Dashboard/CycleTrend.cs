using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Dashboard;

public enum CycleTrendDirection
{
    [JsonStringEnumMemberName("rising")] Rising,
    [JsonStringEnumMemberName("falling")] Falling,
    [JsonStringEnumMemberName("flat")] Flat,
}

/// <summary>
/// Direction of the pursue–withdraw cycle's intensity over recent sessions (DESIGN §5).
/// </summary>
public static class CycleTrend
{
    /// <summary>
    /// Sessions the trend looks at. Fewer gives no trend: with two points the "slope" is just
    /// their difference, and one heated session would read as a rising cycle.
    /// </summary>
    public const int Sessions = 3;

    /// <summary>
    /// Slopes smaller than this (intensity points per session, 0–10 scale) read as flat: a
    /// half-point move is within what two clinicians' ratings of the same session might differ by.
    /// </summary>
    public const double FlatThreshold = 0.5;

    /// <summary>
    /// A session's mean intensity over the partners whose intensity was recorded; null when
    /// neither was (leave such sessions out of the trend rather than counting them as 0).
    /// </summary>
    public static double? SessionMean(IEnumerable<int?> partnerIntensities)
    {
        var recorded = partnerIntensities.OfType<int>().ToList();
        return recorded.Count == 0 ? null : recorded.Average();
    }

    /// <summary>
    /// Least-squares slope over the last <see cref="Sessions"/> session means, x = 0, 1, 2 in date
    /// order: rising when slope ≥ 0.5, falling when ≤ −0.5, otherwise flat; null with fewer
    /// than three sessions. With three evenly spaced points the slope is (last − first) / 2.
    /// </summary>
    public static CycleTrendDirection? Classify(IReadOnlyList<double> meanIntensitiesInDateOrder)
    {
        if (meanIntensitiesInDateOrder.Count < Sessions) return null;
        var count = meanIntensitiesInDateOrder.Count;
        var slope = count == Sessions ? Slope(meanIntensitiesInDateOrder) : Slope(meanIntensitiesInDateOrder.TakeLast(Sessions).ToList());
        return slope >= FlatThreshold ? CycleTrendDirection.Rising
            : slope <= -FlatThreshold ? CycleTrendDirection.Falling
            : CycleTrendDirection.Flat;
    }

    /// <summary>Ordinary least-squares slope of y against x = 0, 1, …, n − 1.</summary>
    public static double Slope(IReadOnlyList<double> values)
    {
        if (values.Count < 2) throw new ArgumentException("A slope needs at least two points.", nameof(values));
        var meanX = (values.Count - 1) / 2.0;
        var meanY = 0.0;
        for (var x = 0; x < values.Count; x++) meanY += values[x];
        meanY /= values.Count;
        double covariance = 0, variance = 0;
        for (var x = 0; x < values.Count; x++)
        {
            covariance += (x - meanX) * (values[x] - meanY);
            variance += (x - meanX) * (x - meanX);
        }
        return covariance / variance;
    }
}
