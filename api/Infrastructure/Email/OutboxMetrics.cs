using System.Diagnostics.Metrics;
using Clinic.Api.Infrastructure.Observability;
using Npgsql;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>
/// The outbox backlog in the "Clinic.Email" meter, exported with the other metrics
/// (Prometheus: <c>clinic_email_outbox_pending</c>, <c>clinic_email_outbox_oldest_due_age_seconds</c>):
/// how many messages are due and not yet sent, and how long the oldest of them has waited. An SMTP
/// outage, a stopped sender or a flood of reminders shows as a rising age long before anyone misses an
/// email; reminders scheduled for later are not backlog and are not counted.
/// The figures are read from the table (the sender's partial index) when a scraper asks, at most once
/// every few seconds, so every instance reports the practice's backlog whether or not it sends. An
/// instance that serves no metrics (Clinic:Metrics:Urls none) has no gauges: nothing would read them,
/// and OpenTelemetry listens to every "Clinic.*" meter in the process, so in a process hosting several
/// apps (the API tests) one app's scrape would otherwise also query every other app's database.
/// </summary>
internal sealed partial class OutboxMetrics(IMeterFactory meters, NpgsqlDataSource dataSource, TimeProvider clock,
    MetricsServerOptions metricsServer, ILogger<OutboxMetrics> logger) : IHostedService
{
    public const string MeterName = "Clinic.Email";
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(5);

    private const string BacklogSql = """
        SELECT count(*)::int, min(due_at) FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= $1
        """;

    private readonly Lock _gate = new();
    private (DateTimeOffset ReadAt, int Pending, double OldestAgeSeconds)? _last;

    public Task StartAsync(CancellationToken ct)
    {
        if (metricsServer.Urls.Count == 0) return Task.CompletedTask;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("clinic.email.outbox.pending", () => Observe(b => (double)b.Pending), "{message}",
            "Email messages due and not yet sent");
        meter.CreateObservableGauge("clinic.email.outbox.oldest_due_age", () => Observe(b => b.OldestAgeSeconds), "s",
            "How long the oldest due, unsent email has waited");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Nothing is reported when the database cannot answer: a missing series is an honest gap, a zero would be a lie.</summary>
    private IEnumerable<Measurement<double>> Observe(Func<(int Pending, double OldestAgeSeconds), double> pick)
    {
        var backlog = Read();
        return backlog is { } b ? [new Measurement<double>(pick(b))] : [];
    }

    private (int Pending, double OldestAgeSeconds)? Read()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.ReadAt < ReadEvery) return (last.Pending, last.OldestAgeSeconds);
            try
            {
                // Observable instruments are called synchronously by the exporter; the query is one index range scan.
                using var command = dataSource.CreateCommand(BacklogSql);
                command.CommandTimeout = 5;
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                using var reader = command.ExecuteReader();
                reader.Read();
                var pending = reader.GetInt32(0);
                var age = reader.IsDBNull(1) ? 0 : Math.Max(0, (now - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds);
                _last = (now, pending, age);
                return (pending, age);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogBacklogUnreadable(logger, e);
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox backlog could not be read for metrics")]
    private static partial void LogBacklogUnreadable(ILogger logger, Exception exception);
}
