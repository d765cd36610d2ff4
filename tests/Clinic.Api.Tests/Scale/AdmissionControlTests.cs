using System.Collections.Concurrent;
using Clinic.Api.Infrastructure.Startup;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Scale;

/// <summary>
/// Issue 26: admission control in front of the database pool — as many requests run as the pool has
/// connections, the rest wait first-in first-out, and a full queue is answered at once with 503 and
/// Retry-After. The middleware is driven directly so the test decides when each request finishes.
/// </summary>
public sealed class AdmissionControlTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    private static DefaultHttpContext Request(string path = "/api/couples") =>
        new() { RequestServices = Services, Request = { Path = path }, Response = { Body = new MemoryStream() } };

    [Fact]
    public async Task RequestsBeyondThePool_WaitInArrivalOrder_AndAFullQueueIsRefusedAtOnce_With503AndRetryAfter()
    {
        using var admission = new AdmissionControl(permits: 2, queueLimit: 3);
        var started = new ConcurrentQueue<int>();
        var gates = Enumerable.Range(0, 7).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var contexts = Enumerable.Range(0, 7).Select(_ => Request()).ToArray();

        var requests = new Task[7];
        for (var i = 0; i < 6; i++)
        {
            var n = i;
            requests[n] = admission.InvokeAsync(contexts[n], () => { started.Enqueue(n); return gates[n].Task; });
        }

        started.Should().Equal(0, 1);
        requests[5].IsCompleted.Should().BeTrue("the queue holds three; the sixth is refused without waiting");
        contexts[5].Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
        contexts[5].Response.Headers.RetryAfter.ToString().Should().Be("1");
        contexts[5].Response.ContentType.Should().StartWith("application/problem+json");

        // Each finished request lets in the oldest waiting one, never a later arrival.
        foreach (var finished in new[] { 1, 0, 2 })
        {
            gates[finished].SetResult();
            await requests[finished];
        }
        requests[6] = admission.InvokeAsync(contexts[6], () => { started.Enqueue(6); return gates[6].Task; });
        foreach (var finished in new[] { 3, 4, 6 })
        {
            gates[finished].SetResult();
            await requests[finished];
        }

        started.Should().Equal(0, 1, 2, 3, 4, 6);
        contexts.Where((_, i) => i != 5).Should().OnlyContain(c => c.Response.StatusCode == StatusCodes.Status200OK);
    }

    [Fact]
    public async Task HealthChecksAndTheWebApp_AreNeverQueued()
    {
        using var admission = new AdmissionControl(permits: 1, queueLimit: 0);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = admission.InvokeAsync(Request(), () => gate.Task);

        var ran = new List<string>();
        foreach (var path in new[] { "/health/ready", "/couples/1" })
            await admission.InvokeAsync(Request(path), () => { ran.Add(path); return Task.CompletedTask; });
        var api = Request();
        await admission.InvokeAsync(api, () => Task.CompletedTask);

        ran.Should().Equal("/health/ready", "/couples/1");
        api.Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
        gate.SetResult();
        await busy;
    }

    [Fact]
    public async Task ARequestThatReleasesEarly_LetsTheNextOneIn_WhileItStaysOpen_AndItsEndReleasesNothingTwice()
    {
        using var admission = new AdmissionControl(permits: 1, queueLimit: 0);
        var streamOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = Request("/api/messages/stream");
        var open = admission.InvokeAsync(stream, () => { AdmissionControl.ReleaseEarly(stream); return streamOpen.Task; });

        var next = Request();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = admission.InvokeAsync(next, () => gate.Task);
        next.Response.StatusCode.Should().Be(StatusCodes.Status200OK, "the open stream gave its permit back");

        // The stream ends while the other request holds the only permit: that permit is not given back twice.
        streamOpen.SetResult();
        await open;
        var third = Request();
        await admission.InvokeAsync(third, () => Task.CompletedTask);
        third.Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);

        gate.SetResult();
        await running;
    }
}
