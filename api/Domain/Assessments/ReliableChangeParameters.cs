namespace Clinic.Api.Domain.Assessments;

/// <summary>
/// A subscale's reliable-change rule, in the order DESIGN §11 prefers them: a published
/// <see cref="Threshold"/> in points; else the Jacobson–Truax inputs <see cref="Sd"/> and
/// <see cref="Reliability"/>, each saying where it came from so an unsourced value is visible
/// configuration, never a silent constant; else no verdict, with <see cref="NoVerdictReason"/>
/// shown instead. An SD whose value is null (CSI) means "not configured": set a sourced one in the
/// seed file to turn verdicts on.
/// </summary>
public sealed record ReliableChangeParameters(
    SourcedValue? Sd = null,
    SourcedValue? Reliability = null,
    FixedThreshold? Threshold = null,
    string? NoVerdictReason = null)
{
    public ReliableChangeMethod Method =>
        Threshold is not null ? ReliableChangeMethod.FixedThreshold
        : Sd?.Value is not null && Reliability?.Value is not null ? ReliableChangeMethod.Rci
        : ReliableChangeMethod.None;

    /// <summary>True when the verdict rests only on sourced values (always for a published threshold).</summary>
    public bool FullySourced => Method switch
    {
        ReliableChangeMethod.FixedThreshold => true,
        ReliableChangeMethod.Rci => Sd!.Sourced && Reliability!.Sourced,
        _ => false,
    };

    public IEnumerable<string> Problems(string subscale)
    {
        var where = $"subscale '{subscale}'";
        if (Threshold is { } threshold)
        {
            if (Sd is not null || Reliability is not null) yield return $"{where}: a fixed threshold replaces sd and reliability; give one rule";
            if (threshold.Points <= 0) yield return $"{where}: threshold points must be positive";
            if (string.IsNullOrWhiteSpace(threshold.Source)) yield return $"{where}: threshold names no source";
        }
        if (Sd?.Value is <= 0) yield return $"{where}: sd must be positive";
        if (Reliability?.Value is < 0 or >= 1) yield return $"{where}: reliability must be in [0, 1)";
        foreach (var (name, value) in new[] { ("sd", Sd), ("reliability", Reliability) })
        {
            if (value is null) continue;
            if (value.Sourced && (value.Value is null || string.IsNullOrWhiteSpace(value.Source)))
                yield return $"{where}: {name} is marked sourced but names no source or value";
            if (!value.Sourced && string.IsNullOrWhiteSpace(value.Note))
                yield return $"{where}: unsourced {name} needs a note saying so";
        }
        if (Method == ReliableChangeMethod.None && string.IsNullOrWhiteSpace(NoVerdictReason))
            yield return $"{where}: with no threshold and no sd and reliability, noVerdictReason must say why there is no verdict";
    }
}

/// <param name="Value">Null when no value has been configured (the note says why).</param>
public sealed record SourcedValue(double? Value, bool Sourced, string? Source = null, string? Note = null);

/// <summary>A published change in points that counts as reliable (a change of this many points or more).</summary>
public sealed record FixedThreshold(double Points, string Source);
