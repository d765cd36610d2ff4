using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Clinic.Api.Domain.Catalogues;

/// <summary>A definition shipped as data in <c>seeds/</c> that can say what is wrong with itself.</summary>
public interface ICatalogueDefinition
{
    string Code { get; }
    int Version { get; }
    IEnumerable<string> Problems();
}

/// <summary>Raised at start-up when a seed file cannot be trusted; the message names the file.</summary>
public sealed class CatalogueException(string file, string problem, Exception? inner = null)
    : Exception($"Catalogue file '{file}' is invalid: {problem}", inner)
{
    public string File { get; } = file;
}

/// <summary>
/// Reads catalogue JSON strictly: unknown properties, missing required properties, nulls where
/// the type forbids them and numbers sent as strings are all errors, because a typo in clinical
/// data (a reverse key, a range) must stop start-up rather than mis-score a client.
/// Usage: <c>LoadDirectory&lt;InstrumentDefinition&gt;("seeds/instruments")</c>,
/// <c>LoadDirectory&lt;ExerciseDefinition&gt;("seeds/exercises")</c>,
/// <c>LoadFile&lt;SafetyCheckDefinition&gt;("seeds/safety/safety-check.json")</c>.
/// </summary>
public static class CatalogueLoader
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Every <c>*.json</c> in the directory, ordered by file name; codes must be unique per version.</summary>
    public static IReadOnlyList<T> LoadDirectory<T>(string directory) where T : class, ICatalogueDefinition
    {
        if (!Directory.Exists(directory))
        {
            throw new CatalogueException(directory, "directory not found");
        }

        var loaded = new List<T>();
        var seen = new Dictionary<(string, int), string>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var definition = LoadFile<T>(file);
            var key = (definition.Code, definition.Version);
            if (seen.TryGetValue(key, out var first))
            {
                throw new CatalogueException(file,
                    $"code '{definition.Code}' version {definition.Version} is already defined in '{first}'");
            }
            seen[key] = file;
            loaded.Add(definition);
        }
        return loaded;
    }

    public static T LoadFile<T>(string file) where T : class, ICatalogueDefinition
    {
        string json;
        try
        {
            json = File.ReadAllText(file);
        }
        catch (IOException e)
        {
            throw new CatalogueException(file, e.Message, e);
        }
        return Parse<T>(json, file);
    }

    /// <param name="source">Named in any error; a file path in production, a label in tests.</param>
    public static T Parse<T>(string json, string source) where T : class, ICatalogueDefinition
    {
        T? definition;
        try
        {
            definition = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            // The message names the property; the path says where it sits ("$.subscales[0].cutOff").
            var where = e.Path is { Length: > 0 } path && !e.Message.Contains(path, StringComparison.Ordinal) ? $" (at {path})" : "";
            throw new CatalogueException(source, e.Message + where, e);
        }

        if (definition is null) throw new CatalogueException(source, "the file is empty or null");
        var problems = definition.Problems().ToList();
        if (problems.Count > 0) throw new CatalogueException(source, string.Join("; ", problems));
        return definition;
    }

    /// <summary>A definition written back as catalogue JSON, in the spelling <see cref="Parse{T}"/> reads (a practice's own forms are kept so).</summary>
    public static string Serialize<T>(T definition) where T : class, ICatalogueDefinition => JsonSerializer.Serialize(definition, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
