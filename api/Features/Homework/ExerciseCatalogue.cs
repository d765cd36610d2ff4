using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Homework;

/// <summary>
/// The exercises shipped in <c>seeds/exercises</c>, loaded once at start-up. Every version stays
/// loadable, so an assignment keeps the fields it was set with after the catalogue moves on.
/// </summary>
public sealed class ExerciseCatalogue
{
    private readonly Dictionary<(string Code, int Version), ExerciseDefinition> _byVersion;

    public ExerciseCatalogue(IEnumerable<ExerciseDefinition> definitions)
    {
        _byVersion = definitions.ToDictionary(d => (d.Code, d.Version));
        Latest = _byVersion.Values.GroupBy(d => d.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(d => d.Version)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest version of each exercise, by code.</summary>
    public IReadOnlyList<ExerciseDefinition> Latest { get; }

    public ExerciseDefinition? LatestOf(string code) => Latest.FirstOrDefault(d => d.Code == code);

    /// <summary>The version an assignment pinned; the catalogue never drops versions, so this exists.</summary>
    public ExerciseDefinition Get(string code, int version) =>
        _byVersion.TryGetValue((code, version), out var definition)
            ? definition
            : throw new InvalidOperationException($"Exercise '{code}' version {version} is not in the catalogue.");
}

internal sealed class HomeworkModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddCatalogue(seeds => new ExerciseCatalogue(
            CatalogueLoader.LoadDirectory<ExerciseDefinition>(Path.Combine(seeds, "exercises"))));
}
