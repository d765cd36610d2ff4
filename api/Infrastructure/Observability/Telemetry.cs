using System.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Clinic.Api.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry for the API: metrics (ASP.NET Core per route, Npgsql commands and connection pools,
/// the .NET runtime, and every meter named <c>Clinic.*</c>) served as Prometheus text by
/// <see cref="MetricsServer"/> on its own port; traces exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set. Log lines and problem details carry the request's trace id,
/// so an operator goes from an error a user quotes to its log lines and its trace.
/// </summary>
public static class Telemetry
{
    /// <summary>Feature meters are named "Clinic.&lt;feature&gt;" (the email outbox's backlog gauges are in
    /// "Clinic.Email") and are exported without further registration.</summary>
    public const string MeterPrefix = "Clinic.";

    public static void AddClinicTelemetry(this WebApplicationBuilder builder)
    {
        // Every log line written inside a request names its trace (console: "=> TraceId:…" on the line).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("clinic-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                // Recorded on every request (every buffer, for the memory pool) and not what an operator watches:
                // request rate, latency and errors per route come from http.server.request.duration. Dropped
                // instruments are not listened to, so ASP.NET Core skips recording them (~1.5 % of the couple
                // list's CPU in profiles, tests/bench/README.md).
                .AddView("aspnetcore.memory_pool.*", MetricStreamConfiguration.Drop)
                .AddView("aspnetcore.routing.match_attempts", MetricStreamConfiguration.Drop)
                .AddView("aspnetcore.authentication.authenticate.duration", MetricStreamConfiguration.Drop)
                .AddView("aspnetcore.authorization.attempts", MetricStreamConfiguration.Drop)
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MeterPrefix + "*")
                .AddPrometheusExporter());
        // Spans cost CPU on every request; they are made only when something collects them.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());

        builder.Services.AddSingleton(MetricsServerOptions.From(builder.Configuration));
        builder.Services.AddHostedService<MetricsServer>();
    }

    /// <summary>The W3C trace id of the current request (32 hex digits), as log lines and trace backends show it.</summary>
    public static string? CurrentTraceId() =>
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : null;
}
