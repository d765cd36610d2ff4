using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Features.Assessments;

/// <summary>
/// The <c>responses</c> object exactly as sent. A plain dictionary would let a repeated key
/// silently overwrite the first answer and would reject "seven" without naming the item, so the
/// object is read pair by pair and every oddity is kept for a 400 that names the item.
/// </summary>
[JsonConverter(typeof(ItemResponsesConverter))]
public sealed class ItemResponses
{
    internal List<KeyValuePair<string, int?>> Pairs { get; } = [];
    internal HashSet<string> NotWholeNumbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors keyed <c>responses.{itemId}</c>; empty when the answers can be scored.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(InstrumentDefinition instrument, out IReadOnlyDictionary<string, int?> answers) =>
        Validate(instrument, complete: true, out answers);

    /// <summary>As <see cref="Validate(InstrumentDefinition, out IReadOnlyDictionary{string, int?})"/>, for a draft: unanswered items are allowed.</summary>
    public IReadOnlyDictionary<string, string[]> ValidateDraft(InstrumentDefinition instrument, out IReadOnlyDictionary<string, int?> answers) =>
        Validate(instrument, complete: false, out answers);

    private IReadOnlyDictionary<string, string[]> Validate(InstrumentDefinition instrument, bool complete,
        out IReadOnlyDictionary<string, int?> answers)
    {
        var errors = new FieldErrors();
        var seen = new Dictionary<string, int?>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs)
            if (!seen.TryAdd(key, value)) repeated.Add(key);

        foreach (var key in repeated.Order(StringComparer.Ordinal)) errors.Add($"responses.{key}", "Answered more than once.");
        foreach (var key in NotWholeNumbers.Order(StringComparer.Ordinal))
        {
            var item = instrument.Items.FirstOrDefault(i => string.Equals(i.Id, key, StringComparison.OrdinalIgnoreCase));
            var scale = item is null ? instrument.Scale : instrument.ScaleOf(item);
            errors.Add($"responses.{key}", $"Must be a whole number between {scale.Min} and {scale.Max}.");
        }

        var reported = new HashSet<string>(repeated.Concat(NotWholeNumbers), StringComparer.OrdinalIgnoreCase);
        var checkedAnswers = complete ? InstrumentScoring.Validate(instrument, seen) : InstrumentScoring.ValidatePartial(instrument, seen);
        foreach (var (field, messages) in checkedAnswers)
        {
            if (reported.Contains(field["responses.".Length..])) continue;
            foreach (var message in messages) errors.Add(field, message);
        }
        answers = seen;
        return errors.ToDictionary();
    }
}

internal sealed class ItemResponsesConverter : JsonConverter<ItemResponses>
{
    public override ItemResponses Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Expected an object of item id → answer.");
        var responses = new ItemResponses();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            int? value = null;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number)) value = number;
            else if (reader.TokenType != JsonTokenType.Null) responses.NotWholeNumbers.Add(key);
            // TrySkip, not Skip: on a streamed body the reader is never a final block, though this value is buffered whole.
            if (!reader.TrySkip()) throw new JsonException("The responses object is incomplete.");
            responses.Pairs.Add(new(key, value));
        }
        if (responses.Pairs.Count > 200) throw new JsonException("Too many responses.");
        return responses;
    }

    public override void Write(Utf8JsonWriter writer, ItemResponses value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, answer) in value.Pairs)
        {
            writer.WritePropertyName(key);
            if (answer is { } a) writer.WriteNumberValue(a); else writer.WriteNullValue();
        }
        writer.WriteEndObject();
    }
}
