using System.Text.Json;
using System.Text.Json.Nodes;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Features.Homework;

/// <summary>Normalised field values to and from the jsonb column.</summary>
internal static class EntryFields
{
    public static string ToJson(IReadOnlyDictionary<string, FieldValue> values)
    {
        var json = new JsonObject();
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            json[name] = value switch
            {
                FieldValue.Text t => JsonValue.Create(t.Value),
                FieldValue.Choice c => JsonValue.Create(c.Value),
                FieldValue.Boolean b => JsonValue.Create(b.Value),
                FieldValue.Integer i => JsonValue.Create(i.Value),
                _ => throw new InvalidOperationException($"Unhandled field value {value.GetType().Name}."),
            };
        }
        return json.ToJsonString();
    }

    public static IReadOnlyDictionary<string, JsonElement> ToElements(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>Typed values for the metrics; the stored JSON was validated, so the kinds are reliable.</summary>
    public static IReadOnlyDictionary<string, FieldValue> ToValues(string json) =>
        ToElements(json).ToDictionary(p => p.Key, p => p.Value.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False => (FieldValue)new FieldValue.Boolean(p.Value.GetBoolean()),
            JsonValueKind.Number => new FieldValue.Integer(p.Value.GetInt32()),
            _ => new FieldValue.Text(p.Value.GetString() ?? ""),
        }, StringComparer.Ordinal);
}
