using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// The built app as an operator starts it (dotnet Clinic.Api.dll …): it serves where --urls says,
/// and outside Development it refuses secrets that are published in this repository.
/// </summary>
public sealed class StartupTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_database);

    [Fact]
    public async Task Serve_WithUrlsOption_ListensThere_RatherThanTakingTheUrlForAVerb()
    {
        var port = FreePort();

        await using var app = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"], Settings());
        var live = await app.WaitForAsync($"http://127.0.0.1:{port}/health/live");

        live.Should().Be(HttpStatusCode.OK, app.Output);
    }

    [Theory]
    [InlineData("Clinic__Jwt__SigningKey", "development-only-signing-key-change-me-0123456789", "published in the Clinic repository")]
    [InlineData("Clinic__Jwt__SigningKey", "demo-only-signing-key-change-me-0123456789abcdefghij", "published in the Clinic repository")]
    [InlineData("Clinic__Jwt__SigningKey", "too-short-a-key", "at least 32 bytes")]
    [InlineData("Clinic__BootstrapAdmin__Password", "Admin-demo-2026!", "demo password published")]
    public async Task OutsideDevelopment_APublishedOrWeakSecret_StopsStartUp(string setting, string value, string message)
    {
        var settings = Settings();
        settings[setting] = value;

        await using var app = AppProcess.Start(["--urls", $"http://127.0.0.1:{FreePort()}"], settings);
        var exitCode = await app.ExitCodeAsync(AppProcess.StartUpAllowance);

        exitCode.Should().NotBe(0, app.Output);
        app.Output.Should().Contain(message).And.Contain(setting.Replace("__", ":"));
    }

    [Fact]
    public async Task InDevelopment_ThePublishedDevelopmentSettingsAreAccepted()
    {
        var port = FreePort();
        var settings = Settings();
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["Clinic__Jwt__SigningKey"] = "development-only-signing-key-change-me-0123456789";
        settings["Clinic__BootstrapAdmin__Password"] = "Admin-demo-2026!";

        await using var app = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"], settings);

        (await app.WaitForAsync($"http://127.0.0.1:{port}/health/live")).Should().Be(HttpStatusCode.OK, app.Output);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Clinic"] = _database,
        ["ConnectionStrings__ClinicOwner"] = PostgresServer.AsOwner(_database),
        ["Clinic__Jwt__SigningKey"] = ClinicApiFactory.SigningKey,
        ["Clinic__BootstrapAdmin__Email"] = "admin@startup.test",
        ["Clinic__BootstrapAdmin__Password"] = "A-password-made-for-this-test",
        ["Clinic__Metrics__Urls"] = "none",
        ["Clinic__MigrationsDirectory"] = PostgresServer.MigrationsDirectory,
    };

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>dotnet api/bin/…/Clinic.Api.dll, run from its own output folder, stopped when disposed.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private AppProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static AppProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        // The API project's own output, built with the tests in the same configuration.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var folder = Path.Combine(PostgresServer.RepoRoot, "api", "bin", configuration, "net10.0");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(folder, "Clinic.Api.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Clinic__") || k.StartsWith("ConnectionStrings__")).ToList())
            info.Environment.Remove(name);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var app = new AppProcess(Process.Start(info)!);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>
    /// How long a start-up may take before a test gives up on it. Generous on purpose: these tests check what the
    /// app does when it starts, not how fast, and a 2-core machine running other suites can take minutes to JIT it.
    /// </summary>
    public static readonly TimeSpan StartUpAllowance = TimeSpan.FromMinutes(5);

    /// <summary>Polls the URL until it answers (its status), or the process exits or <see cref="StartUpAllowance"/> passes.</summary>
    public async Task<HttpStatusCode?> WaitForAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + StartUpAllowance;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try { return (await http.GetAsync(url)).StatusCode; }
            catch (HttpRequestException) { await Task.Delay(250); }
            catch (TaskCanceledException) { }
        }
        return null;
    }

    public async Task<int?> ExitCodeAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { return null; }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
