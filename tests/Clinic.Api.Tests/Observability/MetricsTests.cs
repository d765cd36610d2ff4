using System.Net;
using System.Net.Sockets;
using Clinic.Api.Infrastructure.Observability;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Clinic.Api.Tests.Observability;

/// <summary>The app with its metrics listener on a free loopback port, as in production.</summary>
public sealed class MetricsApiFactory : ClinicApiFactory
{
    public int MetricsPort { get; } = FreePort();
    protected override string MetricsUrls => $"http://127.0.0.1:{MetricsPort}";

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>
/// OpenTelemetry's meter listener is process-wide: while other test classes' hosts are alive, their
/// meters of the same name (Clinic.Email, ASP.NET Core's) are exported by this host too, and a gauge
/// shows up twice. This collection runs alone, after the parallel ones and their hosts are gone.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests(MetricsApiFactory factory) : IClassFixture<MetricsApiFactory>
{
    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{factory.MetricsPort}/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Scrape_AfterRequests_HasThePerRouteLatencyHistogramWithStatusCodes()
    {
        var admin = await factory.AdminAsync();
        for (var i = 0; i < 3; i++)
            (await admin.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.Anonymous().GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // The exporter answers scrapes from a cache for 300 ms (OpenTelemetry's default), so a scrape an
        // earlier test made may still be the answer: scrape until it includes the last request above.
        var text = await ScrapeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!text.Contains("http_response_status_code=\"401\",http_route=\"/api/admin/therapists\"", StringComparison.Ordinal) &&
               DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            text = await ScrapeAsync();
        }

        var buckets = text.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_bucket{")
            && l.Contains("http_route=\"/api/admin/therapists\"")).ToList();
        buckets.Should().Contain(l => l.Contains("http_response_status_code=\"200\"") && l.Contains("le=\"+Inf\""),
            "rate and latency per route come from this histogram");
        buckets.Should().Contain(l => l.Contains("http_response_status_code=\"401\""), "errors are counted per route and status");
        var count = text.Split('\n').Single(l => l.StartsWith("http_server_request_duration_seconds_count{")
            && l.Contains("http_route=\"/api/admin/therapists\"") && l.Contains("http_response_status_code=\"200\""));
        double.Parse(count[(count.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Scrape_LeavesOutThePerRequestInstrumentsNobodyWatches()
    {
        var admin = await factory.AdminAsync();
        (await admin.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.OK);

        var text = await ScrapeAsync();

        text.Should().Contain("http_server_request_duration_seconds_bucket{");
        text.Should().NotContain("aspnetcore_memory_pool_").And.NotContain("aspnetcore_routing_match_attempts")
            .And.NotContain("aspnetcore_authentication_authenticate_duration").And.NotContain("aspnetcore_authorization_attempts");
    }

    [Fact]
    public async Task Scrape_ShowsConnectionPoolUseAndRuntime()
    {
        await (await factory.AdminAsync()).GetJsonAsync("/api/admin/therapists");

        var text = await ScrapeAsync();

        text.Should().Contain("db_client_connection_count{").And.Contain("db_client_connection_pool_name=\"clinic\"");
        text.Should().Contain("db_client_connection_max{");
        text.Should().MatchRegex(@"(?m)^dotnet_gc_\w+");
    }

    [Fact]
    public async Task Scrape_ShowsTheEmailOutboxBacklog_DueMessagesAndTheOldestOnesWait()
    {
        // This factory's sender is off, so an invitation's email stays due and unsent: backlog.
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation", null);

        // The gauges read the table at most every 5 s, so an earlier scrape may still be answering.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        double pending;
        string text;
        do
        {
            text = await ScrapeAsync();
            pending = Gauge(text, "clinic_email_outbox_pending");
            if (pending >= 1) break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);

        pending.Should().BeGreaterThanOrEqualTo(1, "the invitation is due and nothing has sent it");
        text.Should().Contain("# TYPE clinic_email_outbox_pending gauge");
        Gauge(text, "clinic_email_outbox_oldest_due_age_seconds").Should().BeGreaterThanOrEqualTo(0);
    }

    private static double Gauge(string text, string name)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{") || l.StartsWith(name + " "));
        line.Should().NotBeNull($"{name} is exported");
        var rest = line!.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
        var value = rest.Trim().Split(' ')[0];
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task PublicPort_DoesNotServeMetrics()
    {
        var response = await factory.Anonymous().GetAsync("/metrics");

        (await response.Content.ReadAsStringAsync()).Should().NotContain("# TYPE").And.NotContain("http_server_request_duration");
    }

    [Fact]
    public async Task MetricsPort_ServesNothingElse()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync($"http://127.0.0.1:{factory.MetricsPort}/api/admin/therapists");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void MetricsUrls_DefaultToLoopback_AndNoneTurnsTheListenerOff()
    {
        MetricsServerOptions.From(new ConfigurationBuilder().Build()).Urls.Should().Equal("http://127.0.0.1:9464");
        MetricsServerOptions.From(Settings("Clinic:Metrics:Urls", "none")).Urls.Should().BeEmpty();
        MetricsServerOptions.From(Settings("Clinic:Metrics:Urls", "http://+:9464")).Urls.Should().Equal("http://+:9464");
    }

    private static IConfiguration Settings(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
}
