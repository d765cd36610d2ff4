using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Safety;

/// <summary>
/// The private safety check (DESIGN §4a), shipped in <c>seeds/safety</c>. Our own wording, not a
/// licensed instrument; the portal shows it under the neutral <see cref="Title"/>.
/// </summary>
public sealed record SafetyCheckDefinition(
    string Code,
    int Version,
    string Title,
    string Introduction,
    IReadOnlyList<SafetyCheckItem> Items) : ICatalogueDefinition
{
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return "code is empty";
        if (Version < 1) yield return "version must be 1 or more";
        if (Items.Count == 0) yield return "no items";
        if (Items.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() != Items.Count) yield return "item names are not unique";
        foreach (var problem in Items.SelectMany(i => i.Problems())) yield return problem;
    }
}

/// <summary>
/// A choice question names its <paramref name="SafestAnswer"/>; any other answer raises a flag
/// described to the therapist by <paramref name="FlagReason"/>. Free text never raises one.
/// </summary>
public sealed record SafetyCheckItem(
    string Name,
    string Label,
    FieldType Type,
    bool Required,
    IReadOnlyList<ChoiceOption>? Options = null,
    int? MaxLength = null,
    string? SafestAnswer = null,
    string? FlagReason = null,
    string? Hint = null)
{
    public FieldDefinition ToField() =>
        new(Name, Label, Type, Required, MaxLength: MaxLength, Options: Options, Hint: Hint);

    public IEnumerable<string> Problems()
    {
        foreach (var problem in ToField().Problems()) yield return problem;
        switch (Type)
        {
            case FieldType.Choice when Options is not null && Options.All(o => o.Value != SafestAnswer):
                yield return $"safety item '{Name}' must name one of its options as safestAnswer";
                break;
            case FieldType.Choice when string.IsNullOrWhiteSpace(FlagReason):
                yield return $"safety item '{Name}' needs a flagReason";
                break;
            case FieldType.Text when SafestAnswer is not null || FlagReason is not null:
                yield return $"free-text safety item '{Name}' cannot raise a flag";
                break;
            case FieldType.Integer or FieldType.Boolean:
                yield return $"safety item '{Name}' must be a choice or text";
                break;
        }
    }
}
