using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Forms;

public sealed record FormSection(string Key, string Title, IReadOnlyList<FieldDefinition> Fields, string? Intro = null);

/// <summary>
/// An intake form (DESIGN §13), catalogue data like the exercises: shipped in <c>seeds/forms</c> or added by
/// the practice, versioned, answered one section at a time with the same field types as homework entries.
/// Field names are unique across the whole form: answers are one flat object keyed by field name.
/// </summary>
public sealed record FormDefinition(string Code, int Version, string Title, IReadOnlyList<FormSection> Sections, string? Intro = null)
    : ICatalogueDefinition
{
    public const int MaxSections = 20;
    public const int MaxFields = 200;

    public IEnumerable<FieldDefinition> Fields => Sections.SelectMany(s => s.Fields);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return "code is empty";
        else if (!System.Text.RegularExpressions.Regex.IsMatch(Code, "^[a-z0-9]+(-[a-z0-9]+)*$") || Code.Length > 60)
            yield return "code must be lower-case words joined by hyphens (at most 60 characters)";
        if (Version < 1) yield return "version must be 1 or more";
        if (string.IsNullOrWhiteSpace(Title)) yield return "title is empty";
        if (Sections is null || Sections.Count == 0) { yield return "no sections"; yield break; }
        if (Sections.Count > MaxSections) yield return $"at most {MaxSections} sections";
        if (Sections.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != Sections.Count) yield return "section keys are not unique";
        foreach (var section in Sections)
        {
            if (string.IsNullOrWhiteSpace(section.Key)) yield return "a section has no key";
            if (string.IsNullOrWhiteSpace(section.Title)) yield return $"section '{section.Key}' has no title";
            if (section.Fields is null || section.Fields.Count == 0) yield return $"section '{section.Key}' has no fields";
        }
        var fields = Sections.Where(s => s.Fields is not null).SelectMany(s => s.Fields).ToList();
        if (fields.Count > MaxFields) yield return $"at most {MaxFields} fields";
        if (fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != fields.Count) yield return "field names are not unique across the form";
        foreach (var field in fields.Where(f => !string.IsNullOrEmpty(f.Name) && !char.IsLower(f.Name[0])))
            yield return $"field '{field.Name}' must be camelCase";
        foreach (var problem in fields.SelectMany(f => f.Problems())) yield return problem;
    }
}
