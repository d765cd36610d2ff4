using System.Text.Json.Serialization;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Homework;

public enum ExerciseFamily
{
    [JsonStringEnumMemberName("effective_dependence")] EffectiveDependence,
    [JsonStringEnumMemberName("taking_turns")] TakingTurns,
}

/// <summary>The side of effective dependence a client took in one logged event.</summary>
public enum EntryRole
{
    [JsonStringEnumMemberName("needing")] Needing,
    [JsonStringEnumMemberName("supporting")] Supporting,
}

public sealed record ExerciseInstructions(string Summary, IReadOnlyList<string> Steps);

/// <summary>A homework exercise as shipped in <c>seeds/exercises</c>.</summary>
public sealed record ExerciseDefinition(
    string Code,
    int Version,
    ExerciseFamily Family,
    string Title,
    ExerciseInstructions Instructions,
    string Rationale,
    IReadOnlyList<EntryRole> Roles,
    int SuggestedPerWeek,
    IReadOnlyList<FieldDefinition> Fields) : ICatalogueDefinition
{
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return "code is empty";
        if (Version < 1) yield return "version must be 1 or more";
        if (string.IsNullOrWhiteSpace(Title)) yield return "title is empty";
        if (Instructions.Steps.Count is < 3 or > 5) yield return "instructions need 3 to 5 steps";
        if (Roles.Count == 0 || Roles.Distinct().Count() != Roles.Count) yield return "roles must be non-empty and distinct";
        if (SuggestedPerWeek is < 1 or > 14) yield return "suggestedPerWeek must be 1 to 14";
        if (Fields.Count == 0) yield return "no fields";
        if (Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != Fields.Count) yield return "field names are not unique";
        foreach (var field in Fields.Where(f => f.Name.Length > 0 && !char.IsLower(f.Name[0])))
        {
            yield return $"field '{field.Name}' must be camelCase";
        }
        foreach (var problem in Fields.SelectMany(f => f.Problems())) yield return problem;
    }
}
