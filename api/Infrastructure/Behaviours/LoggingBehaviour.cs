using System.Diagnostics;
using MediatR;

namespace Clinic.Api.Infrastructure.Behaviours;

/// <summary>Logs which request ran and how long it took. Never the body: it may hold clinical text.</summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            logger.LogInformation("Handled {Request} in {ElapsedMs:F1} ms", typeof(TRequest).Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
