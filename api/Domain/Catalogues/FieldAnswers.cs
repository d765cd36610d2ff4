using System.Text.Json;

namespace Clinic.Api.Domain.Catalogues;

/// <summary>
/// Checks a set of raw JSON answers against field definitions and turns them into typed values.
/// Shared by homework entries and the safety check so both speak the same error language.
/// </summary>
public static class FieldAnswers
{
    /// <summary>
    /// Errors are keyed <c>{prefix}.{fieldName}</c>. Names are matched exactly (ordinal): the
    /// catalogue is the contract and a near-miss spelling is reported as unknown, not guessed at.
    /// JSON null and whitespace-only text count as "not answered".
    /// </summary>
    public static IReadOnlyDictionary<string, FieldValue> Read(
        IReadOnlyList<FieldDefinition> definitions,
        IReadOnlyDictionary<string, JsonElement> answers,
        string prefix,
        FieldErrors errors)
    {
        var known = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var name in answers.Keys.Where(k => !known.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"{prefix}.{name}", "Unknown field.");
        }

        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var key = $"{prefix}.{definition.Name}";
            answers.TryGetValue(definition.Name, out var element);
            if (IsUnanswered(element))
            {
                if (definition.Required) errors.Add(key, "This answer is required.");
                continue;
            }

            var (value, error) = ReadOne(definition, element);
            if (error is not null) errors.Add(key, error);
            else values[definition.Name] = value!;
        }
        return values;
    }

    private static bool IsUnanswered(JsonElement element) =>
        element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
        || (element.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(element.GetString()));

    private static (FieldValue? Value, string? Error) ReadOne(FieldDefinition field, JsonElement element) =>
        field.Type switch
        {
            FieldType.Text => ReadText(field, element),
            FieldType.Boolean => element.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (new FieldValue.Boolean(element.GetBoolean()), null)
                : (null, "Must be true or false."),
            FieldType.Integer => ReadInteger(field, element),
            FieldType.Choice => ReadChoice(field, element),
            _ => throw new InvalidOperationException($"Unhandled field type {field.Type}."),
        };

    private static (FieldValue?, string?) ReadText(FieldDefinition field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return (null, "Must be text.");
        // Trimmed before measuring so stray whitespace from a text area never tips an answer over the limit.
        var text = element.GetString()!.Trim();
        return text.Length > field.MaxLength
            ? (null, $"Must be at most {field.MaxLength} characters.")
            : (new FieldValue.Text(text), null);
    }

    private static (FieldValue?, string?) ReadInteger(FieldDefinition field, JsonElement element)
    {
        // 3.0 or "3" is rejected: clients send whole numbers from a slider or stepper, so anything
        // else is a client bug worth surfacing rather than silently coercing.
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number))
        {
            return (null, "Must be a whole number.");
        }
        return number < field.Min || number > field.Max
            ? (null, $"Must be between {field.Min} and {field.Max}.")
            : (new FieldValue.Integer(number), null);
    }

    private static (FieldValue?, string?) ReadChoice(FieldDefinition field, JsonElement element)
    {
        var allowed = field.Options!.Select(o => o.Value).ToList();
        var message = $"Must be one of: {string.Join(", ", allowed)}.";
        if (element.ValueKind != JsonValueKind.String) return (null, message);
        var choice = element.GetString()!;
        return allowed.Contains(choice, StringComparer.Ordinal)
            ? (new FieldValue.Choice(choice), null)
            : (null, message);
    }
}
