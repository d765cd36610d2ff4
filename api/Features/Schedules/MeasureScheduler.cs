using Microsoft.Extensions.Options;
using Npgsql;

namespace Clinic.Api.Features.Schedules;

public sealed class ScheduleOptions
{
    /// <summary>False turns the background round off (tests run rounds themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between rounds: a request appears within this long after the practice's midnight.</summary>
    public int PollSeconds { get; set; } = 60;
}

/// <summary>
/// Runs <see cref="ScheduledRequests"/> every <see cref="ScheduleOptions.PollSeconds"/> on every
/// instance; the round's own lock makes that safe. A database that is away (a restart, a failover)
/// only delays the round. The same polling shape as the outbox sender, and for the same reason:
/// the work must commit in the app's own transaction, which Quartz's job store cannot join.
/// </summary>
internal sealed partial class MeasureScheduler(IServiceScopeFactory scopes, IOptions<ScheduleOptions> options,
    ILogger<MeasureScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!options.Value.Enabled) return;
        // Yield at once: start-up must not wait for the first round.
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var created = await scope.ServiceProvider.GetRequiredService<ScheduledRequests>().CreateDueAsync(stop);
                if (created > 0) LogCreated(logger, created);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException
                                          or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                LogRoundFailed(logger, e.GetType().Name, e.Message);
            }
            try { await Task.Delay(interval, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled questionnaires: {Count} request(s) created")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled questionnaires: round failed ({Error}: {Message}); trying again next round")]
    private static partial void LogRoundFailed(ILogger logger, string error, string message);
}
