using System.Diagnostics;
using MediatR;

namespace Clinic.Api.Infrastructure.Behaviours;

/// <summary>
/// Logs which request ran and how long it took: at Debug normally, as a warning when slow, so a
/// busy instance does not pay for a console line per request. Never the body: it may hold clinical text.
/// </summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public static readonly TimeSpan SlowRequest = TimeSpan.FromMilliseconds(500);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= SlowRequest)
                logger.LogWarning("Slow request {Request}: {ElapsedMs:F1} ms", typeof(TRequest).Name, elapsed.TotalMilliseconds);
            else if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("Handled {Request} in {ElapsedMs:F1} ms", typeof(TRequest).Name, elapsed.TotalMilliseconds);
        }
    }
}
