using Clinic.Api.Infrastructure.Startup;
using Clinic.Seed.Demo;
using Clinic.Seed.Synthetic;

namespace Clinic.Seed;

/// <summary>
/// <c>Clinic.Seed</c> loads the demo practice from seeds/demo/ (idempotent: loading twice changes
/// nothing); <c>Clinic.Seed --synthetic …</c> bulk-loads a large generated practice instead. Both
/// apply the migrations and create the bootstrap admin first, as the app does when it starts.
/// </summary>
public static class SeedCommand
{
    /// <summary>The writers, registered beside the API's own services (the data layer, catalogues, calendar).</summary>
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddScoped<DemoPracticeLoader>();
        services.AddScoped<DemoClinicalWriter>();
        services.AddScoped<DemoSupervisionWriter>();
        services.AddScoped<DemoAppointments>();
        services.AddScoped<DemoBooking>();
        services.AddScoped<DemoPracticeSettings>();
        services.AddScoped<DemoAgreements>();
        services.AddScoped<DemoMessages>();
        services.AddScoped<SyntheticPractice>();
        return services;
    }

    public static async Task RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken ct = default)
    {
        await services.MigrateAsync(ct);
        await services.EnsureBootstrapAdminAsync(ct);
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
        var agreements = await provider.GetRequiredService<DemoAgreements>().LoadAsync(Path.GetDirectoryName(directory)!,
            DemoFiles.ReadCouples(directory), provider.GetRequiredService<Clinic.Api.Infrastructure.Time.PracticeCalendar>().Today(), ct);
        Console.WriteLine($"Demo agreements: {agreements} couples given agreements and intake forms.");
        // Appointments follow today's date on every load: the latest sessions held, the next one booked.
        var keys = DemoFiles.ReadCouples(directory).Select(c => c.Key).ToList();
        var appointments = await provider.GetRequiredService<DemoAppointments>().TopUpAsync(keys, ct);
        Console.WriteLine($"Demo appointments: {appointments} added.");
        // Working hours, a joint time waiting for the second partner, and couples on the waitlist (issue 32).
        await provider.GetRequiredService<DemoBooking>().LoadAsync(DemoFiles.ReadPractice(directory), keys, ct);
        await provider.GetRequiredService<DemoPracticeSettings>().ApplyAsync(directory, ct);
        var messages = await provider.GetRequiredService<DemoMessages>().LoadAsync(directory,
            provider.GetRequiredService<Clinic.Api.Infrastructure.Time.PracticeCalendar>().Today(), ct);
        Console.WriteLine($"Demo messages: {messages} written.");
    }
}
