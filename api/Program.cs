using Clinic.Api.Infrastructure.Startup;

// Verbs: `migrate` applies db/migrations and exits; no verb serves. Demo data comes from tools/Clinic.Seed.
// The verb is the first argument, or there is none: in `--urls http://127.0.0.1:5000` the URL is the
// option's value, not a verb, and the rest are host settings.
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0].ToLowerInvariant() : null;
var builder = WebApplication.CreateBuilder(verb is null ? args : args[1..]);
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
