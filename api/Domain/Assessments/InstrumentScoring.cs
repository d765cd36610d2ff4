using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Assessments;

public sealed record SubscaleScore(string Code, double Value)
{
    /// <summary>For display only; stored and compared values keep full precision.</summary>
    public double Rounded => Math.Round(Value, 2, MidpointRounding.AwayFromZero);
}

public sealed record InstrumentScore(IReadOnlyList<SubscaleScore> Subscales)
{
    public double this[string code] =>
        Subscales.SingleOrDefault(s => s.Code == code)?.Value
        ?? throw new KeyNotFoundException($"No subscale score '{code}'.");
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
        InstrumentDefinition definition, IReadOnlyDictionary<string, int?> responses)
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
            if (!answered.TryGetValue(item.Id, out var given) || given.All(g => g.Value is null))
            {
                errors.Add(key, "An answer is required.");
            }
            else if (given.Count > 1)
            {
                errors.Add(key, "Answered more than once (item ids differing only by case).");
            }
            else if (given[0].Value is int value && (value < definition.Scale.Min || value > definition.Scale.Max))
            {
                errors.Add(key, $"Must be between {definition.Scale.Min} and {definition.Scale.Max}.");
            }
        }
        return errors.ToDictionary();
    }

    /// <summary>
    /// Each subscale is the mean of its items, reverse-keyed items mirrored first
    /// (ECR-RS: avoidance = mean of 8 − items 1–4 and items 5–6; anxiety = mean of items 7–9).
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
            .Select(subscale => new SubscaleScore(
                subscale.Code,
                definition.Items
                    .Where(i => i.Subscale == subscale.Code)
                    .Select(i => i.Reverse ? definition.Scale.Reverse(byId[i.Id]) : byId[i.Id])
                    .Average()))
            .ToList();
        return new InstrumentScore(scores);
    }
}
