using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Assessments;

/// <summary>A questionnaire version as shipped in <c>seeds/instruments</c>.</summary>
public sealed record InstrumentDefinition(
    string Code,
    int Version,
    string Title,
    string Citation,
    string Instructions,
    ResponseScale Scale,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<SubscaleDefinition> Subscales,
    QuadrantDefinition? Quadrant = null) : ICatalogueDefinition
{
    public SubscaleDefinition Subscale(string code) =>
        Subscales.SingleOrDefault(s => s.Code == code)
        ?? throw new ArgumentException($"Instrument {Code} has no subscale '{code}'.", nameof(code));

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return "code is empty";
        if (Version < 1) yield return "version must be 1 or more";
        foreach (var problem in Scale.Problems()) yield return problem;
        if (Items.Count == 0) yield return "no items";

        var ids = Items.Select(i => i.Id).ToList();
        // Ids are compared ignoring case because responses are matched that way (see InstrumentScoring).
        if (ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count) yield return "item ids are not unique";
        foreach (var item in Items.Where(i => Subscales.All(s => s.Code != i.Subscale)))
        {
            yield return $"item '{item.Id}' names unknown subscale '{item.Subscale}'";
        }
        foreach (var subscale in Subscales)
        {
            if (Items.All(i => i.Subscale != subscale.Code)) yield return $"subscale '{subscale.Code}' has no items";
            foreach (var problem in subscale.ReliableChange.Problems(subscale.Code)) yield return problem;
        }
        if (Quadrant is { } quadrant)
        {
            if (quadrant.Midpoint < Scale.Min || quadrant.Midpoint > Scale.Max) yield return "quadrant midpoint lies outside the scale";
            if (Subscales.All(s => s.Code != quadrant.XSubscale) || Subscales.All(s => s.Code != quadrant.YSubscale))
            {
                yield return "quadrant names an unknown subscale";
            }
        }
    }
}

public sealed record ScaleAnchor(int Value, string Label);

public sealed record ResponseScale(int Min, int Max, IReadOnlyList<ScaleAnchor> Anchors, string? Note = null)
{
    /// <summary>Reverse keying mirrors a response about the scale's centre: on 1–7 this is 8 − x.</summary>
    public int Reverse(int response) => Min + Max - response;

    public IEnumerable<string> Problems()
    {
        if (Min >= Max) yield return "scale min must be below max";
        if (Anchors.Any(a => a.Value < Min || a.Value > Max)) yield return "a scale anchor lies outside the scale";
    }
}

public sealed record InstrumentItem(string Id, int Number, string Text, string Subscale, bool Reverse);

/// <summary>
/// A subscale scored as the mean of its items (reverse-keyed items mirrored first).
/// <paramref name="LowerIsBetter"/> decides whether a reliable rise reads as deterioration.
/// </summary>
public sealed record SubscaleDefinition(
    string Code,
    string Label,
    string Description,
    bool LowerIsBetter,
    ReliableChangeParameters ReliableChange);

/// <summary>
/// The Jacobson–Truax inputs for one subscale. Each value says where it came from, so an
/// unsourced value is visible configuration, never a silent constant.
/// </summary>
public sealed record ReliableChangeParameters(SourcedValue Sd, SourcedValue Reliability)
{
    public bool FullySourced => Sd.Sourced && Reliability.Sourced;

    public IEnumerable<string> Problems(string subscale)
    {
        if (Sd.Value <= 0) yield return $"subscale '{subscale}': sd must be positive";
        if (Reliability.Value is < 0 or >= 1) yield return $"subscale '{subscale}': reliability must be in [0, 1)";
        foreach (var (name, value) in new[] { ("sd", Sd), ("reliability", Reliability) })
        {
            if (value.Sourced && string.IsNullOrWhiteSpace(value.Source))
                yield return $"subscale '{subscale}': {name} is marked sourced but names no source";
            if (!value.Sourced && string.IsNullOrWhiteSpace(value.Note))
                yield return $"subscale '{subscale}': unsourced {name} needs a note saying so";
        }
    }
}

public sealed record SourcedValue(double Value, bool Sourced, string? Source = null, string? Note = null);

/// <summary>The two-dimensional split used for the soft quadrant label; see <see cref="Quadrant"/>.</summary>
public sealed record QuadrantDefinition(string XSubscale, string YSubscale, double Midpoint, string Note);
