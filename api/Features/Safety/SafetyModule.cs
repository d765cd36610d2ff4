using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Safety;

/// <summary>The shipped check-in definition, read once and strictly; a bad seed stops start-up.</summary>
public sealed class SafetyCatalogue(SafetyCheckDefinition definition)
{
    public SafetyCheckDefinition Definition { get; } = definition;

    public static SafetyCatalogue Load(IConfiguration configuration) =>
        new(CatalogueLoader.LoadFile<SafetyCheckDefinition>(
            Path.Combine(SeedPaths.Directory(configuration), "safety", "safety-check.json")));
}

internal sealed class SafetyModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // Resolved from the container's configuration so test and deployment overrides of the seeds folder apply.
        services.AddSingleton(sp => SafetyCatalogue.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<SafetyCatalogueWarmup>();
    }
}

/// <summary>Loads the catalogue when the host starts, so a broken seed fails start-up rather than a client's check-in.</summary>
internal sealed class SafetyCatalogueWarmup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<SafetyCatalogue>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
