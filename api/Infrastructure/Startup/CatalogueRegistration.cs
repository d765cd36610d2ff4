namespace Clinic.Api.Infrastructure.Startup;

/// <summary>
/// The one way a catalogue shipped in <c>seeds/</c> is registered. It is read (strictly, by
/// <see cref="Domain.Catalogues.CatalogueLoader"/>) from the seeds folder the container's configuration
/// names, so test and deployment overrides of <c>Clinic:SeedsDirectory</c> apply, and it is read when
/// the host starts: a broken seed file stops start-up, not the first client who needs it.
/// </summary>
public static class CatalogueRegistration
{
    /// <param name="load">Builds the catalogue from the seeds folder.</param>
    public static IServiceCollection AddCatalogue<TCatalogue>(this IServiceCollection services, Func<string, TCatalogue> load)
        where TCatalogue : class
    {
        services.AddSingleton(sp => load(SeedPaths.Directory(sp.GetRequiredService<IConfiguration>())));
        services.AddHostedService<CatalogueWarmup<TCatalogue>>();
        return services;
    }

    private sealed class CatalogueWarmup<TCatalogue>(IServiceProvider services) : IHostedService where TCatalogue : class
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<TCatalogue>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
