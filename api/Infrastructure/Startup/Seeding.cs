using Clinic.Api.Features.Demo;

namespace Clinic.Api.Infrastructure.Startup;

public static class Seeding
{
    /// <summary>
    /// <c>seed</c> loads the demo practice from seeds/demo/ (idempotent: loading twice changes
    /// nothing); <c>seed --synthetic …</c> bulk-loads a large generated practice instead.
    /// </summary>
    public static async Task SeedAsync(this IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        if (args.Contains("--synthetic"))
        {
            var options = SyntheticOptions.Parse(args);
            var report = await provider.GetRequiredService<SyntheticPractice>().LoadAsync(options, ct);
            Console.WriteLine(report.Describe());
            return;
        }
        var directory = Path.Combine(SeedPaths.Directory(provider.GetRequiredService<IConfiguration>()), "demo");
        var result = await provider.GetRequiredService<DemoPracticeLoader>().LoadAsync(directory, ct);
        Console.WriteLine($"Demo practice: {result.TherapistsAdded} therapists and {result.CouplesAdded} couples added; " +
                          $"{result.CouplesAlreadyPresent} couples were already present.");
    }
}
