using Clinic.Api.Infrastructure.Startup;

// Verbs: `migrate` applies db/migrations and exits; `seed` also loads the demo practice; no verb serves.
var verb = args.FirstOrDefault(a => !a.StartsWith('-'))?.ToLowerInvariant();
// The generator's own options (--therapists 50 …) are not host configuration.
var builder = WebApplication.CreateBuilder(Clinic.Api.Features.Demo.SyntheticOptions.WithoutSeedOptions(args.Where(a => a != verb).ToArray()));
builder.AddClinic();
var app = builder.Build();

switch (verb)
{
    case "migrate":
        await app.Services.MigrateAsync();
        return 0;
    case "seed":
        await app.Services.MigrateAsync();
        await app.Services.EnsureBootstrapAdminAsync();
        await app.Services.SeedAsync(args);
        return 0;
    case null or "serve":
        if (app.Environment.IsDevelopment()) await app.Services.MigrateAsync();
        await app.Services.EnsureBootstrapAdminAsync();
        app.UseClinic();
        await app.RunAsync();
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{verb}'. Use: migrate | seed | serve");
        return 2;
}

public partial class Program;
