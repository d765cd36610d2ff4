using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Assessments;

/// <summary>The instruments shipped in <c>seeds/instruments</c>, loaded strictly once at start-up.</summary>
public sealed class InstrumentCatalogue(IReadOnlyList<InstrumentDefinition> definitions)
{
    public IReadOnlyList<InstrumentDefinition> All { get; } = definitions;

    /// <summary>The newest version of an instrument, matched ignoring case ("ecr-rs" means ECR-RS).</summary>
    public InstrumentDefinition? Latest(string? code) => All
        .Where(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))
        .MaxBy(d => d.Version);

    public InstrumentDefinition? Find(string code, int version) =>
        All.SingleOrDefault(d => d.Code == code && d.Version == version);

    /// <summary>The version an assessment was scored with; a stored assessment whose version was removed is a deployment error.</summary>
    public InstrumentDefinition Of(Assessment assessment) =>
        Find(assessment.InstrumentCode, assessment.InstrumentVersion)
        ?? throw new InvalidOperationException(
            $"Instrument {assessment.InstrumentCode} v{assessment.InstrumentVersion} is no longer in the catalogue.");
}

internal sealed class InstrumentsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddCatalogue(seeds => new InstrumentCatalogue(
            CatalogueLoader.LoadDirectory<InstrumentDefinition>(Path.Combine(seeds, "instruments"))));
}
