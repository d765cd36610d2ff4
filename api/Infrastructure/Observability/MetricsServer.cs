using OpenTelemetry.Metrics;

namespace Clinic.Api.Infrastructure.Observability;

/// <summary>Where Prometheus text is served: <c>Clinic:Metrics:Urls</c> (Clinic__Metrics__Urls), loopback by default.</summary>
public sealed record MetricsServerOptions(IReadOnlyList<string> Urls)
{
    public const string DefaultUrls = "http://127.0.0.1:9464";

    /// <summary>Unset: loopback port 9464. Empty or "none": no metrics listener (tests; several instances on one host).</summary>
    public static MetricsServerOptions From(IConfiguration configuration)
    {
        var value = configuration["Clinic:Metrics:Urls"] ?? DefaultUrls;
        var urls = value.Equals("none", StringComparison.OrdinalIgnoreCase) ? []
            : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new MetricsServerOptions(urls);
    }
}

/// <summary>
/// A second, minimal Kestrel server inside the app that answers only GET /metrics from the app's own
/// MeterProvider. A separate server rather than a route on the public one: nothing on the public
/// port can reach it (not even with a forged Host header), and it listens where it is told however
/// the public port is configured (ASPNETCORE_URLS, Kestrel endpoints, a test server).
/// </summary>
internal sealed class MetricsServer(MetricsServerOptions options, MeterProvider meterProvider, ILogger<MetricsServer> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Urls.Count == 0) return;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. options.Urls]);
        var server = builder.Build();
        server.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider,
            context => HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/metrics",
            path: null!, configureBranchedPipeline: null!, optionsName: null!);
        server.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        try
        {
            await server.StartAsync(ct);
            _server = server;
            logger.LogInformation("Metrics (Prometheus text) on {Urls}/metrics", string.Join(", ", options.Urls));
        }
        catch (IOException e)
        {
            // A busy port must not keep the API from serving patients; the gap shows as a failed scrape.
            logger.LogError("Metrics listener could not start on {Urls}: {Error}. Set Clinic__Metrics__Urls to a free address.",
                string.Join(", ", options.Urls), e.Message);
            await server.DisposeAsync();
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_server is not null) await _server.StopAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
