using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Assessments;

public sealed record SubscaleScore(string Code, double Value)
{
    /// <summary>For display only; stored and compared values keep full precision.</summary>
    public double Rounded => Math.Round(Value, 2, MidpointRounding.AwayFromZero);
}

/// <param name="Band">The band of the instrument's banded subscale (PHQ-9 "moderate"); null when it has none.</param>
public sealed record InstrumentScore(IReadOnlyList<SubscaleScore> Subscales, ScoreBand? Band = null)
{
    public double this[string code] =>
        Subscales.SingleOrDefault(s => s.Code == code)?.Value
        ?? throw new KeyNotFoundException($"No subscale score '{code}'.");

    /// <summary>Subscale code → score, the shape stored and sent (<c>{"total": 14}</c>).</summary>
    public Dictionary<string, double> ToDictionary() => Subscales.ToDictionary(s => s.Code, s => s.Value, StringComparer.Ordinal);
}

/// <summary>Validation and scoring of an instrument's item responses.</summary>
public static class InstrumentScoring
{
    /// <summary>
    /// Errors keyed <c>responses.{itemId}</c> with the catalogue's spelling of the id. Every item
    /// is required. Ids are matched ignoring case (a hand-typed "ECRRS-3" means ecrrs-3), so two
    /// keys differing only by case answer the same item twice and are rejected rather than one
    /// being silently picked.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(
        InstrumentDefinition definition, IReadOnlyDictionary<string, int?> responses) => Validate(definition, responses, complete: true);

    /// <summary>
    /// As <see cref="Validate(InstrumentDefinition, IReadOnlyDictionary{string, int?})"/>, but an
    /// unanswered item is not an error: a draft saved half-way through is checked for what it holds.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> ValidatePartial(
        InstrumentDefinition definition, IReadOnlyDictionary<string, int?> responses) => Validate(definition, responses, complete: false);

    private static IReadOnlyDictionary<string, string[]> Validate(
        InstrumentDefinition definition, IReadOnlyDictionary<string, int?> responses, bool complete)
    {
        var errors = new FieldErrors();
        var items = definition.Items.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);

        foreach (var key in responses.Keys.Where(k => !items.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"responses.{key}", "Unknown item.");
        }

        var answered = responses
            .Where(r => items.ContainsKey(r.Key))
            .GroupBy(r => items[r.Key].Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var item in definition.Items)
        {
            var key = $"responses.{item.Id}";
            var scale = definition.ScaleOf(item);
            if (!answered.TryGetValue(item.Id, out var given) || given.All(g => g.Value is null))
            {
                if (complete) errors.Add(key, "An answer is required.");
            }
            else if (given.Count > 1)
            {
                errors.Add(key, "Answered more than once (item ids differing only by case).");
            }
            else if (given[0].Value is int value && !scale.Contains(value))
            {
                errors.Add(key, $"Must be between {scale.Min} and {scale.Max}.");
            }
        }
        return errors.ToDictionary();
    }

    /// <summary>
    /// Each subscale is the sum or the mean of its items' values (the instrument says which),
    /// reverse-keyed items mirrored about their own scale first (ECR-RS: avoidance = mean of
    /// 8 − items 1–4 and items 5–6; anxiety = mean of items 7–9; PHQ-9 total = sum of items 1–9).
    /// The band is looked up on the instrument's banded subscale.
    /// </summary>
    /// <exception cref="ArgumentException">The responses do not pass <see cref="Validate"/>.</exception>
    public static InstrumentScore Score(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> responses)
    {
        var errors = Validate(definition, responses);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"Responses are not valid for {definition.Code}: {string.Join(", ", errors.Keys)}.", nameof(responses));
        }

        var byId = responses.ToDictionary(r => r.Key, r => r.Value!.Value, StringComparer.OrdinalIgnoreCase);
        var scores = definition.Subscales
            .Select(subscale =>
            {
                var values = definition.Items
                    .Where(i => i.Subscale == subscale.Code)
                    .Select(i => i.Reverse ? definition.ScaleOf(i).Reverse(byId[i.Id]) : byId[i.Id])
                    .ToList();
                return new SubscaleScore(subscale.Code, definition.Scoring == ScoringMethod.Sum ? values.Sum() : values.Average());
            })
            .ToList();
        var banded = definition.BandedSubscale;
        return new InstrumentScore(scores, banded?.BandOf(scores.Single(s => s.Code == banded.Code).Value));
    }
}
