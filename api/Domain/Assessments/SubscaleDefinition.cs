using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

/// <summary>
/// A score an instrument reports ("total" for the sum instruments, ECR-RS's "avoidance" and
/// "anxiety"). <paramref name="LowerIsBetter"/> is the direction: whether a reliable rise reads as
/// deterioration. Range, cut-off and bands are the published facts the screens draw.
/// </summary>
public sealed record SubscaleDefinition(
    string Code,
    string Label,
    string Description,
    bool LowerIsBetter,
    ReliableChangeParameters ReliableChange,
    ScoreRange? Range = null,
    CutOff? CutOff = null,
    IReadOnlyList<ScoreBand>? Bands = null)
{
    /// <summary>What the score measures, as a reading words it ("attachment anxiety"): the label in lower case, made once.</summary>
    [JsonIgnore]
    public string Construct { get; } = Label.ToLowerInvariant();

    /// <summary>The band a score falls in; null when the subscale has no bands.</summary>
    public ScoreBand? BandOf(double score) => Bands?.FirstOrDefault(b => score >= b.Min && score <= b.Max);

    /// <param name="computed">The range the items allow, which the declared range must equal.</param>
    public IEnumerable<string> Problems(ScoringMethod? scoring, ScoreRange computed)
    {
        var where = $"subscale '{Code}'";
        if (Range is null) yield return $"{where}: range is required";
        else if (Range != computed) yield return $"{where}: range {Range} does not match its items, which give {computed}";
        foreach (var problem in ReliableChange.Problems(Code)) yield return problem;
        if (CutOff is { } cut)
        {
            if (cut.Value <= computed.Min || cut.Value > computed.Max) yield return $"{where}: cutOff lies outside the range";
            if (string.IsNullOrWhiteSpace(cut.Source)) yield return $"{where}: cutOff names no source";
        }
        if (Bands is not { Count: > 0 } bands) yield break;
        if (scoring != ScoringMethod.Sum) yield return $"{where}: bands need whole-number (sum) scores";
        if (bands[0].Min != computed.Min || bands[^1].Max != computed.Max)
            yield return $"{where}: bands must start at the range's minimum and end at its maximum";
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].Min > bands[i].Max) yield return $"{where}: band '{bands[i].Code}' runs backwards";
            if (i > 0 && bands[i].Min != bands[i - 1].Max + 1)
                yield return $"{where}: band '{bands[i].Code}' must start right after '{bands[i - 1].Code}' ends (no gap, no overlap)";
        }
        if (bands.Select(b => b.Code).Distinct().Count() != bands.Count) yield return $"{where}: band codes are not unique";
    }
}

public sealed record ScoreRange(double Min, double Max)
{
    /// <summary>What the items allow: sums of the item minima and maxima, or for a mean the common span.</summary>
    public static ScoreRange Of(ScoringMethod scoring, IEnumerable<ResponseScale> items)
    {
        var scales = items.ToList();
        return scoring == ScoringMethod.Sum
            ? new ScoreRange(scales.Sum(s => s.Min), scales.Sum(s => s.Max))
            : new ScoreRange(scales.Average(s => (double)s.Min), scales.Average(s => (double)s.Max));
    }

    public override string ToString() => $"{Min}–{Max}";
}

/// <summary>A named stretch of the score (PHQ-9 "moderate" 10–14), both ends included.</summary>
public sealed record ScoreBand(string Code, string Label, double Min, double Max);

public enum CutOffSide
{
    /// <summary>Scores below the value are the clinical side (CSI: dissatisfaction below 13.5).</summary>
    [JsonStringEnumMemberName("below")] Below,
    /// <summary>Scores at or above the value are the clinical side (PHQ-9 caseness at 10).</summary>
    [JsonStringEnumMemberName("atOrAbove")] AtOrAbove,
}

/// <param name="Label">What being on the clinical side means, in words for the chart and the table.</param>
public sealed record CutOff(double Value, CutOffSide ClinicalSide, string Label, string Source)
{
    public bool IsClinical(double score) => ClinicalSide == CutOffSide.Below ? score < Value : score >= Value;
}
