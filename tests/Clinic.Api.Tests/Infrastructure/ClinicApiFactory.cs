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
    /// <summary>Made for this run: a key written in the repository would be refused outside Development.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private static readonly Lazy<string> WebRoot = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "clinic-test-wwwroot");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "index.html"), "<!doctype html><html lang=\"en\"><title>Clinic</title></html>");
        File.WriteAllText(Path.Combine(directory, "main-TEST.js"), "export const clinic = true;");
        return directory;
    });

    public TestClock Clock { get; } = new();
    /// <summary>The app's own login (a member of clinic_app): what the API connects as.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The same database as the schema's owner, who runs the migrations (and tests that alter the schema).</summary>
    public string OwnerConnectionString => PostgresServer.AsOwner(ConnectionString);
    public CapturedLogs Logs { get; } = new();

    protected virtual int LoginPermitsPerMinute => 10_000;
    /// <summary>Messages a user may post per minute (Clinic:Messaging:PerMinute): out of the way unless a test lowers it.</summary>
    protected virtual int MessagesPerMinute => 10_000;

    /// <summary>
    /// Off for most tests, which sign in as the bootstrap admin without a code; null leaves the
    /// default (on outside Development) for the tests of that default.
    /// </summary>
    protected virtual string? RequireMfaForAdmins => "false";
    protected virtual string MetricsUrls => "none";
    /// <summary>ConnectionStrings:ClinicReadOnly, unset by default (every read on the primary, as in a one-database install).</summary>
    protected virtual string? ReadOnlyConnectionString => null;
    /// <summary>The background schedule round; off unless a test runs it on purpose (tests call rounds themselves).</summary>
    protected virtual bool SchedulerEnabled => false;
    /// <summary>A second instance on another factory's database leaves dropping it to that factory.</summary>
    protected virtual string? SharedConnectionString => null;

    /// <summary>
    /// Messages always go into the outbox; only the email test factories deliver them, to an SMTP
    /// server of their own (<see cref="EmailApiFactory"/>), so other classes do not poll for mail.
    /// </summary>
    protected virtual bool EmailSenderEnabled => false;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = SharedConnectionString ?? await PostgresServer.CreateDatabaseAsync();
        _ = Server; // start the host now, so bootstrap runs before the first test
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (SharedConnectionString is null) await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A stand-in for the built web app, so the tests do not depend on whether api/wwwroot was built.
        builder.UseSetting(WebHostDefaults.WebRootKey, WebRoot.Value);
        builder.UseSetting("ConnectionStrings:Clinic", ConnectionString);
        builder.UseSetting("ConnectionStrings:ClinicOwner", OwnerConnectionString);
        if (ReadOnlyConnectionString is { } readOnly) builder.UseSetting("ConnectionStrings:ClinicReadOnly", readOnly);
        builder.UseSetting("Clinic:Jwt:SigningKey", SigningKey);
        builder.UseSetting("Clinic:BootstrapAdmin:Email", AdminEmail);
        builder.UseSetting("Clinic:BootstrapAdmin:Password", AdminPassword);
        builder.UseSetting("Clinic:LoginRateLimit:PermitsPerMinute", LoginPermitsPerMinute.ToString());
        if (RequireMfaForAdmins is { } mfaForAdmins) builder.UseSetting("Clinic:Security:RequireMfaForAdmins", mfaForAdmins);
        // Tests share one address per class: the other limits are for RateLimitTests to lower.
        foreach (var limit in new[] { "FailedPerAccount", "FailedPerAddress", "RefreshesPerMinute", "LinksPerMinute", "CredentialChecksPerMinute", "PortalWritesPerMinute" })
            builder.UseSetting($"Clinic:LoginRateLimit:{limit}", "10000");
        builder.UseSetting("Clinic:Messaging:PerMinute", MessagesPerMinute.ToString());
        builder.UseSetting("Clinic:MigrationsDirectory", PostgresServer.MigrationsDirectory);
        builder.UseSetting("Clinic:Email:SenderEnabled", EmailSenderEnabled ? "true" : "false");
        builder.UseSetting("Clinic:SeedsDirectory", Path.Combine(PostgresServer.RepoRoot, "seeds"));
        // Test classes run in parallel: no metrics listener unless a test asks for one (MetricsTests).
        builder.UseSetting("Clinic:Metrics:Urls", MetricsUrls);
        builder.UseSetting("Clinic:Schedules:Enabled", SchedulerEnabled ? "true" : "false");
        builder.UseSetting("Clinic:Schedules:PollSeconds", "1");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestPeerAddress>();
            AddTestServices(services);
        });
    }

    protected virtual void AddTestServices(IServiceCollection services) { }

    /// <param name="peer">The address the connection comes from (see <see cref="TestPeerAddress"/>); none by default.</param>
    /// <param name="scheme">https by default, as the app is served in production.</param>
    public ApiClient Anonymous(string? peer = null, string scheme = "https")
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"{scheme}://localhost"), HandleCookies = true, AllowAutoRedirect = false,
        });
        if (peer is not null) http.DefaultRequestHeaders.Add(TestPeerAddress.Header, peer);
        return new ApiClient(http, this);
    }

    public async Task<ApiClient> SignInAsync(string email, string password, string? totpCode = null)
    {
        var client = Anonymous();
        await client.LoginAsync(email, password, totpCode);
        return client;
    }

    public Task<ApiClient> AdminAsync() => SignInAsync(AdminEmail, AdminPassword);
}
