using System.Collections.Concurrent;
using System.Diagnostics;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// Which connection pool (Npgsql data source: "clinic" = primary, "clinic-read-only") ran which SQL, per
/// request: the test sends a W3C traceparent with a trace id of its own, and Npgsql's spans of that
/// request carry it. Listens to the whole process, so requests are told apart by trace id only.
/// </summary>
public sealed class DatabaseCalls : IDisposable
{
    private readonly ConcurrentQueue<(ActivityTraceId Trace, string DataSource, string Sql)> _calls = new();
    private readonly ActivityListener _listener;

    public DatabaseCalls()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _calls.Enqueue((activity.TraceId,
                activity.GetTagItem("db.npgsql.data_source") as string ?? "?", activity.GetTagItem("db.query.text") as string ?? "")),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Sends one request under a fresh trace id; returns its response and the database calls it made.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<(string DataSource, string Sql)> Calls)> SendAsync(
        ApiClient client, HttpMethod method, string url, object? body = null)
    {
        var trace = ActivityTraceId.CreateRandom();
        var response = await client.SendAsync(method, url, body,
            new Dictionary<string, string> { ["traceparent"] = $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" });
        await Task.Delay(50); // a span stops after the response's last byte at the latest
        return (response, _calls.Where(c => c.Trace == trace).Select(c => (c.DataSource, c.Sql)).ToList());
    }

    public void Dispose() => _listener.Dispose();
}
