using Clinic.Api.Infrastructure.Startup;

// Verbs: `migrate` applies db/migrations and exits; no verb serves. Demo data comes from tools/Clinic.Seed.
var verb = args.FirstOrDefault(a => !a.StartsWith('-'))?.ToLowerInvariant();
var builder = WebApplication.CreateBuilder(args.Where(a => a != verb).ToArray());
builder.AddClinic();
var app = builder.Build();

switch (verb)
{
    case "migrate":
        await app.Services.MigrateAsync();
        return 0;
    case null or "serve":
        if (app.Environment.IsDevelopment()) await app.Services.MigrateAsync();
        await app.Services.EnsureBootstrapAdminAsync();
        app.UseClinic();
        await app.RunAsync();
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{verb}'. Use: migrate | serve (demo data: tools/Clinic.Seed).");
        return 2;
}

public partial class Program;
