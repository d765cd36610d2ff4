using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Clinic.Api.Infrastructure.Startup;

/// <summary>
/// Admission control (issue 26): at most as many API requests run at once as the database pool has
/// connections; the rest wait in one first-in first-out queue (System.Threading.RateLimiting's
/// <see cref="ConcurrencyLimiter"/>, oldest first), and when that queue is full a request is answered at once
/// with 503 and <c>Retry-After</c> instead of waiting behind the pool, where Npgsql hands connections out in
/// no particular order and a request could wait until its connect timeout while later ones were served.
/// Health checks are not queued: a probe must see the instance, not its backlog. A long-lived response (the
/// messages' Server-Sent Events stream) is admitted like any request for its opening checks, then gives its
/// permit back with <see cref="ReleaseEarly"/>: it holds no database connection while it waits for events, and a
/// stream that kept its permit for ten minutes would leave, after a few open tabs, no room for anything else.
/// </summary>
public sealed class AdmissionControl : IDisposable
{
    public const int RetryAfterSeconds = 1;
    private readonly ConcurrencyLimiter _limiter;

    public AdmissionControl(int permits, int queueLimit)
    {
        Permits = permits;
        QueueLimit = queueLimit;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits, QueueLimit = queueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Permits { get; }
    public int QueueLimit { get; }

    /// <summary>From <c>Clinic:Admission</c>; by default the primary pool's size, and a queue eight times that.</summary>
    public static AdmissionControl Create(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var pool = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString).MaxPoolSize;
        var permits = configuration.GetValue("Clinic:Admission:Permits", pool);
        var queue = configuration.GetValue("Clinic:Admission:QueueLimit", permits * 8);
        if (permits <= 0 || queue < 0)
            throw new InvalidOperationException("Clinic:Admission:Permits must be positive and Clinic:Admission:QueueLimit not negative.");
        return new AdmissionControl(permits, queue);
    }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next();
            return;
        }
        using var lease = new Admission(await _limiter.AcquireAsync(1, context.RequestAborted));
        if (!lease.IsAcquired)
        {
            await RefuseAsync(context);
            return;
        }
        context.Features.Set(lease);
        await next();
    }

    /// <summary>Gives this request's permit back now, for a response that stays open without the database.</summary>
    public static void ReleaseEarly(HttpContext context) => context.Features.Get<Admission>()?.Dispose();

    /// <summary>A request's permit, given back once whether the response ends or lets it go early.</summary>
    private sealed class Admission(RateLimitLease lease) : IDisposable
    {
        private int _released;
        public bool IsAcquired => lease.IsAcquired;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) lease.Dispose();
        }
    }

    private Task RefuseAsync(HttpContext context)
    {
        // Said in the log too: a 503 from here and one from an unreachable database look alike to a client.
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger<AdmissionControl>()
            .LogWarning("Admission refused {Method} {Path}: {Permits} requests running and {Queue} waiting", context.Request.Method,
                context.Request.Path, Permits, QueueLimit);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = 503, Title = "Service unavailable", Type = "https://httpstatuses.io/503",
                Detail = "The service is busy right now. Try again in a moment.",
            },
        }).AsTask();
    }

    public void Dispose() => _limiter.Dispose();
}
