namespace Clinic.Api.Infrastructure.Startup;

public static class Seeding
{
    /// <summary>Loads the demo practice from seeds/. Idempotent: loading twice changes nothing.</summary>
    public static Task SeedAsync(this IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Clinic.Seed");
        logger.LogInformation("No demo practice data is defined yet; the bootstrap admin is the only account.");
        return Task.CompletedTask;
    }
}
