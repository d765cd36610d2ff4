using Clinic.Api.Infrastructure.Startup;
using Clinic.Seed.Synthetic;

namespace Clinic.Seed;

/// <summary>
/// The demo and synthetic-practice loader, kept out of the web API: it composes the API's services
/// (data layer, catalogues, Identity, practice calendar) exactly as the app does, then writes through them.
/// An explicit Main rather than top-level statements, so the tests can reference this project beside the
/// API without two global <c>Program</c> classes.
/// </summary>
public static class SeedProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine("Clinic.Seed                       the demo practice from seeds/demo/");
            Console.WriteLine("Clinic.Seed --synthetic [--therapists 50] [--couples-per-therapist 40] [--sessions-per-couple 30] [--seed 42]");
            Console.WriteLine("Settings as for the app: ConnectionStrings__Clinic, Clinic__BootstrapAdmin__*, Clinic__Practice__TimeZone.");
            return 0;
        }
        // The app's settings (appsettings.json, the seeds and migrations) are copied beside this program.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = SyntheticOptions.WithoutSeedOptions(args), ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddClinic();
        builder.Services.AddSeeding();
        await using var app = builder.Build();
        try
        {
            await SeedCommand.RunAsync(app.Services, args);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            Console.Error.WriteLine($"Clinic.Seed: {e.Message}");
            return 2;
        }
    }
}
