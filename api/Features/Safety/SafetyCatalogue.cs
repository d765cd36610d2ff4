using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Safety;

/// <summary>The shipped check-in definition.</summary>
public sealed class SafetyCatalogue(SafetyCheckDefinition definition)
{
    public SafetyCheckDefinition Definition { get; } = definition;
}

internal sealed class SafetyModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCatalogue(seeds => new SafetyCatalogue(
            CatalogueLoader.LoadFile<SafetyCheckDefinition>(Path.Combine(seeds, "safety", "safety-check.json"))));
        services.AddScoped<SafetyFlagViews>();
    }
}
