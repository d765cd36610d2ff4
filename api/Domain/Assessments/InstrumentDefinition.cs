using System.Text.Json.Serialization;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Assessments;

public enum ScoringMethod
{
    /// <summary>Each subscale is the sum of its items (CSI, PHQ-9, GAD-7).</summary>
    [JsonStringEnumMemberName("sum")] Sum,
    /// <summary>Each subscale is the mean of its items (ECR-RS).</summary>
    [JsonStringEnumMemberName("mean")] Mean,
}

/// <summary>
/// A questionnaire version as shipped in <c>seeds/instruments</c> (DESIGN §11): items with their
/// answer options and values, the scoring, and for each subscale its range, cut-off, bands,
/// direction and reliable-change rule. <see cref="Problems"/> is what the loader refuses it for.
/// </summary>
/// <param name="Scale">The answer options of every item that does not carry its own.</param>
/// <param name="Licence">The notice shown wherever the items are shown.</param>
/// <param name="WordingSource">Where the item wording was taken from, so a reader can check it.</param>
/// <param name="RiskItems">Items whose answer raises a therapist-only safety flag (DESIGN §4a).</param>
public sealed record InstrumentDefinition(
    string Code,
    int Version,
    string Title,
    string Citation,
    string Instructions,
    ResponseScale Scale,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<SubscaleDefinition> Subscales,
    QuadrantDefinition? Quadrant = null,
    ScoringMethod? Scoring = null,
    string? Licence = null,
    string? WordingSource = null,
    IReadOnlyList<RiskItem>? RiskItems = null) : ICatalogueDefinition
{
    public SubscaleDefinition Subscale(string code) =>
        Subscales.SingleOrDefault(s => s.Code == code)
        ?? throw new ArgumentException($"Instrument {Code} has no subscale '{code}'.", nameof(code));

    /// <summary>The answer options of one item: its own where it has them (CSI item 1 runs 0–6), else the instrument's.</summary>
    public ResponseScale ScaleOf(InstrumentItem item) => item.Scale ?? Scale;

    /// <summary>The subscale whose score is put in a severity band (PHQ-9 and GAD-7 "total"); at most one has bands.</summary>
    [JsonIgnore]
    public SubscaleDefinition? BandedSubscale => Subscales.SingleOrDefault(s => s.Bands is { Count: > 0 });

    /// <summary>
    /// The risk items these answers raise (PHQ-9 item 9 above 0). An answer at or below the line
    /// raises nothing and clears nothing: a 0 says nothing about any other risk signal.
    /// </summary>
    public IReadOnlyList<RaisedRisk> RisksRaisedBy(IReadOnlyDictionary<string, int> responses) =>
        (RiskItems ?? [])
            .Where(r => responses.TryGetValue(r.Item, out var answer) && r.IsRaisedBy(answer))
            .Select(r => new RaisedRisk(r, responses[r.Item], Items.Single(i => i.Id == r.Item)))
            .ToList();

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return "code is empty";
        if (Version < 1) yield return "version must be 1 or more";
        if (Scoring is null) yield return "scoring is required (\"sum\" or \"mean\")";
        if (string.IsNullOrWhiteSpace(Licence)) yield return "licence is required: the notice shown with the items";
        if (string.IsNullOrWhiteSpace(WordingSource)) yield return "wordingSource is required: where the item wording comes from";
        foreach (var problem in Scale.Problems("scale")) yield return problem;
        if (Items.Count == 0) yield return "no items";

        var ids = Items.Select(i => i.Id).ToList();
        // Ids are compared ignoring case because responses are matched that way (see InstrumentScoring).
        if (ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count) yield return "item ids are not unique";
        if (!Items.Select(i => i.Number).SequenceEqual(Enumerable.Range(1, Items.Count)))
            yield return "item numbers must run 1, 2, 3 … in the form's order";
        foreach (var item in Items)
        {
            if (item.Scale is { } own)
                foreach (var problem in own.Problems($"item '{item.Id}' scale")) yield return problem;
            if (Subscales.All(s => s.Code != item.Subscale))
                yield return $"item '{item.Id}' names unknown subscale '{item.Subscale}'";
        }
        if (Subscales.Count(s => s.Bands is { Count: > 0 }) > 1) yield return "only one subscale may have bands";
        foreach (var subscale in Subscales)
        {
            var items = Items.Where(i => i.Subscale == subscale.Code).ToList();
            if (items.Count == 0)
            {
                yield return $"subscale '{subscale.Code}' has no items";
                continue;
            }
            foreach (var problem in subscale.Problems(Scoring, ScoreRange.Of(Scoring ?? ScoringMethod.Mean, items.Select(ScaleOf))))
                yield return problem;
        }
        foreach (var risk in RiskItems ?? [])
        {
            var item = Items.FirstOrDefault(i => i.Id == risk.Item);
            if (item is null) yield return $"risk item '{risk.Item}' is not an item of this instrument";
            else if (risk.Above < ScaleOf(item).Min || risk.Above >= ScaleOf(item).Max)
                yield return $"risk item '{risk.Item}': above must lie inside the item's scale, below its maximum";
            if (string.IsNullOrWhiteSpace(risk.Reason) || string.IsNullOrWhiteSpace(risk.Alert))
                yield return $"risk item '{risk.Item}' needs a reason and an alert";
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

/// <summary>
/// One item's answer options, in the order the form prints them. Every whole number from
/// <see cref="Min"/> to <see cref="Max"/> is an option with its label, so an answer is always
/// stored as the option's value, never its position (some CSI items print 5 → 0 left to right).
/// </summary>
public sealed record ResponseScale(int Min, int Max, IReadOnlyList<ScaleAnchor> Anchors, string? Note = null)
{
    /// <summary>Reverse keying mirrors a response about the scale's centre: on 1–7 this is 8 − x.</summary>
    public int Reverse(int response) => Min + Max - response;

    public bool Contains(int value) => value >= Min && value <= Max;

    public IEnumerable<string> Problems(string where = "scale")
    {
        if (Min >= Max) yield return $"{where}: min must be below max";
        if (Anchors.Any(a => a.Value < Min || a.Value > Max)) yield return $"{where}: an anchor lies outside the scale";
        if (Anchors.Select(a => a.Value).Distinct().Count() != Anchors.Count) yield return $"{where}: two anchors share a value";
        else if (Min < Max && Anchors.Count != Max - Min + 1)
            yield return $"{where}: every value from {Min} to {Max} needs an anchor, so each answer is a labelled option";
        if (Anchors.Any(a => string.IsNullOrWhiteSpace(a.Label))) yield return $"{where}: an anchor has no label";
    }
}

/// <param name="Scale">This item's own answer options, where they differ from the instrument's.</param>
/// <param name="Preamble">An instruction printed before this item on the form (CSI's semantic-differential line).</param>
public sealed record InstrumentItem(string Id, int Number, string Text, string Subscale, bool Reverse,
    ResponseScale? Scale = null, string? Preamble = null);

/// <summary>An answer strictly above <paramref name="Above"/> raises a therapist-only flag described by <paramref name="Reason"/>.</summary>
/// <param name="Alert">The short wording on the therapist's caseload.</param>
public sealed record RiskItem(string Item, int Above, string Reason, string Alert)
{
    public bool IsRaisedBy(int answer) => answer > Above;
}

public sealed record RaisedRisk(RiskItem Risk, int Answer, InstrumentItem Item);

/// <summary>The two-dimensional split used for the soft quadrant label; see <see cref="Quadrant"/>.</summary>
public sealed record QuadrantDefinition(string XSubscale, string YSubscale, double Midpoint, string Note);
