using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Catalogues;

public enum FieldType
{
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("boolean")] Boolean,
    [JsonStringEnumMemberName("integer")] Integer,
    [JsonStringEnumMemberName("choice")] Choice,
}

public sealed record ChoiceOption(string Value, string Label);

/// <summary>
/// One thing a client answers in the portal: a homework entry field or a check-in question.
/// <paramref name="Min"/>/<paramref name="Max"/> apply to integers, <paramref name="MaxLength"/>
/// to text, <paramref name="Options"/> to choices.
/// </summary>
public sealed record FieldDefinition(
    string Name,
    string Label,
    FieldType Type,
    bool Required,
    int? Min = null,
    int? Max = null,
    int? MaxLength = null,
    IReadOnlyList<ChoiceOption>? Options = null,
    string? Hint = null)
{
    /// <summary>Catalogue-authoring mistakes, so a bad seed fails at load rather than at a client's submit.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return "a field has no name";
        if (string.IsNullOrWhiteSpace(Label)) yield return $"field '{Name}' has no label";
        switch (Type)
        {
            case FieldType.Integer when Min is null || Max is null || Min > Max:
                yield return $"integer field '{Name}' needs min <= max";
                break;
            case FieldType.Text when MaxLength is null or <= 0:
                yield return $"text field '{Name}' needs a positive maxLength";
                break;
            case FieldType.Choice when Options is null || Options.Count < 2:
                yield return $"choice field '{Name}' needs at least two options";
                break;
            case FieldType.Choice when Options!.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != Options!.Count:
                yield return $"choice field '{Name}' has duplicate option values";
                break;
        }
    }
}
