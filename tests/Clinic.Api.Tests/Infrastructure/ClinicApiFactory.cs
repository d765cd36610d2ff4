using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// The real API over HTTP (TestServer) on a database of its own, cloned from the migrated
/// template. One per test class (IClassFixture), so classes run in parallel safely.
/// </summary>
public class ClinicApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@clinic.test";
    public const string AdminPassword = "Admin-password-2026";
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    private static readonly Lazy<string> WebRoot = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "clinic-test-wwwroot");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "index.html"), "<!doctype html><html lang=\"en\"><title>Clinic</title></html>");
        File.WriteAllText(Path.Combine(directory, "main-TEST.js"), "export const clinic = true;");
        return directory;
    });

    public TestClock Clock { get; } = new();
    public string ConnectionString { get; private set; } = "";
    public CapturedLogs Logs { get; } = new();

    protected virtual int LoginPermitsPerMinute => 10_000;
    protected virtual string MetricsUrls => "none";
    /// <summary>ConnectionStrings:ClinicReadOnly, unset by default (every read on the primary, as in a one-database install).</summary>
    protected virtual string? ReadOnlyConnectionString => null;

    /// <summary>
    /// Messages always go into the outbox; only the email test factories deliver them, to an SMTP
    /// server of their own (<see cref="EmailApiFactory"/>), so other classes do not poll for mail.
    /// </summary>
    protected virtual bool EmailSenderEnabled => false;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        _ = Server; // start the host now, so bootstrap runs before the first test
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A stand-in for the built web app, so the tests do not depend on whether api/wwwroot was built.
        builder.UseSetting(WebHostDefaults.WebRootKey, WebRoot.Value);
        builder.UseSetting("ConnectionStrings:Clinic", ConnectionString);
        if (ReadOnlyConnectionString is { } readOnly) builder.UseSetting("ConnectionStrings:ClinicReadOnly", readOnly);
        builder.UseSetting("Clinic:Jwt:SigningKey", SigningKey);
        builder.UseSetting("Clinic:BootstrapAdmin:Email", AdminEmail);
        builder.UseSetting("Clinic:BootstrapAdmin:Password", AdminPassword);
        builder.UseSetting("Clinic:LoginRateLimit:PermitsPerMinute", LoginPermitsPerMinute.ToString());
        builder.UseSetting("Clinic:MigrationsDirectory", PostgresServer.MigrationsDirectory);
        builder.UseSetting("Clinic:Email:SenderEnabled", EmailSenderEnabled ? "true" : "false");
        builder.UseSetting("Clinic:SeedsDirectory", Path.Combine(PostgresServer.RepoRoot, "seeds"));
        // Test classes run in parallel: no metrics listener unless a test asks for one (MetricsTests).
        builder.UseSetting("Clinic:Metrics:Urls", MetricsUrls);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            AddTestServices(services);
        });
    }

    protected virtual void AddTestServices(IServiceCollection services) { }

    public ApiClient Anonymous() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), HandleCookies = true, AllowAutoRedirect = false,
    }), this);

    public async Task<ApiClient> SignInAsync(string email, string password)
    {
        var client = Anonymous();
        await client.LoginAsync(email, password);
        return client;
    }

    public Task<ApiClient> AdminAsync() => SignInAsync(AdminEmail, AdminPassword);
}
