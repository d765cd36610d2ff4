using System.Text.Json;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Homework;

/// <summary>A homework entry after validation: its role and typed field values.</summary>
public sealed record NormalisedEntry(EntryRole Role, IReadOnlyDictionary<string, FieldValue> Values);

public sealed record EntryValidationResult(IReadOnlyDictionary<string, string[]> Errors, NormalisedEntry? Entry)
{
    public bool IsValid => Entry is not null;
}

/// <summary>Checks a client's homework entry against its exercise's catalogue definition.</summary>
public static class EntryValidation
{
    /// <summary>Errors keyed <c>fields.{name}</c> and <c>role</c>; empty when the entry is valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(
        ExerciseDefinition exercise, IReadOnlyDictionary<string, JsonElement> fields, string? role) =>
        Normalise(exercise, fields, role).Errors;

    /// <summary>
    /// Validates and returns typed values (text trimmed). Role words are the wire values
    /// (<c>needing</c>, <c>supporting</c>), matched exactly. When the exercise has a single role
    /// an omitted role means that one, so a reach-out form need not ask; with two roles the client
    /// must say which side they took.
    /// </summary>
    public static EntryValidationResult Normalise(
        ExerciseDefinition exercise, IReadOnlyDictionary<string, JsonElement> fields, string? role)
    {
        var errors = new FieldErrors();
        var parsedRole = ReadRole(exercise, role, errors);
        var values = FieldAnswers.Read(exercise.Fields, fields, "fields", errors);
        return errors.IsEmpty
            ? new EntryValidationResult(new Dictionary<string, string[]>(), new NormalisedEntry(parsedRole!.Value, values))
            : new EntryValidationResult(errors.ToDictionary(), null);
    }

    public static string RoleCode(EntryRole role) => role switch
    {
        EntryRole.Needing => "needing",
        EntryRole.Supporting => "supporting",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static EntryRole? ParseRole(string? role) => role switch
    {
        "needing" => EntryRole.Needing,
        "supporting" => EntryRole.Supporting,
        _ => null,
    };

    private static EntryRole? ReadRole(ExerciseDefinition exercise, string? role, FieldErrors errors)
    {
        var allowed = string.Join(", ", exercise.Roles.Select(RoleCode));
        if (string.IsNullOrWhiteSpace(role))
        {
            if (exercise.Roles.Count == 1) return exercise.Roles[0];
            errors.Add("role", $"Say which role you took: {allowed}.");
            return null;
        }

        var parsed = ParseRole(role);
        if (parsed is { } r && exercise.Roles.Contains(r)) return r;
        errors.Add("role", $"Must be one of: {allowed}.");
        return null;
    }
}
