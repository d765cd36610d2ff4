using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Clinic.Api.Features.Messaging;
using Clinic.Api.Tests.Features.Schedules;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Features.Messaging;

/// <summary>An open GET /api/messages/stream, read event by event.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    public static async Task<EventStream> OpenAsync(ApiClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        (await stream.NextAsync(TimeSpan.FromSeconds(10)))!.Value.Type.Should().Be("ready");
        return stream;
    }

    /// <summary>The next event other than a keep-alive, or null when none comes within <paramref name="wait"/>.</summary>
    public async Task<(string Type, JsonNode Data)?> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        string? type = null;
        string? data = null;
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line["data: ".Length..];
                else if (line.Length == 0 && type is not null)
                {
                    if (type != "ping") return (type, JsonNode.Parse(data ?? "null")!);
                    type = data = null;
                }
            }
        }
        catch (OperationCanceledException) { }
        return null;
    }

    /// <summary>Every event until none has come for <paramref name="quiet"/>.</summary>
    public async Task<List<(string Type, JsonNode Data)>> DrainAsync(TimeSpan quiet)
    {
        var events = new List<(string, JsonNode)>();
        while (await NextAsync(quiet) is { } next) events.Add(next);
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>Issue 31 item 3: live delivery through PostgreSQL LISTEN/NOTIFY, whichever instance holds the stream.</summary>
public sealed class LiveDeliveryTests
{
    [Fact]
    public async Task AMessagePostedThroughOneInstance_ReachesAStreamHeldOnTheOther_WithinASecond_AndOnlyItsReaders()
    {
        var a = new InstanceFactory(null, scheduler: false);
        await a.InitializeAsync();
        var b = new InstanceFactory(a.ConnectionString, scheduler: false);
        await b.InitializeAsync();
        try
        {
            await a.Services.GetRequiredService<MessageListener>().Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await b.Services.GetRequiredService<MessageListener>().Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var therapistOnA = await a.SignedInTherapistAsync();
            var couple = await therapistOnA.CreateCoupleAsync();
            await therapistOnA.PartnersAsync(couple);
            var t = await therapistOnA.ThreadsAsync(couple);
            var alexOnB = await b.SignInAgainAsync(couple, 0);
            var samOnB = await b.SignInAgainAsync(couple, 1);
            await using var alexStream = await EventStream.OpenAsync(alexOnB);
            await using var samStream = await EventStream.OpenAsync(samOnB);

            var clock = Stopwatch.StartNew();
            var message = await therapistOnA.WriteAsync(t.PrivateA, "Only for Alex.");
            var reached = await alexStream.NextAsync(TimeSpan.FromSeconds(1));
            clock.Stop();

            reached.Should().NotBeNull("the message reaches the stream on the other instance within a second");
            reached!.Value.Type.Should().Be("message");
            reached.Value.Data["threadId"]!.GetValue<Guid>().Should().Be(t.PrivateA);
            reached.Value.Data["seq"]!.GetValue<long>().Should().Be(message["seq"]!.GetValue<long>());
            reached.Value.Data["mine"]!.GetValue<bool>().Should().BeFalse();
            reached.Value.Data.ToJsonString().Should().NotContain("Only for Alex", "a stream carries ids, never text");

            var joint = await therapistOnA.WriteAsync(t.Joint, "For both of you.");
            await samOnB.MarkReadAsync(t.Joint, joint["seq"]!.GetValue<long>());
            var sams = await samStream.DrainAsync(TimeSpan.FromSeconds(2));
            var alexs = await alexStream.DrainAsync(TimeSpan.FromSeconds(1));

            sams.Select(e => e.Data["threadId"]!.GetValue<Guid>()).Should().OnlyContain(id => id == t.Joint,
                "Sam's stream never hears of Alex's private thread");
            sams.Should().Contain(e => e.Type == "message" && e.Data["seq"]!.GetValue<long>() == joint["seq"]!.GetValue<long>());
            sams.Should().Contain(e => e.Type == "read" && e.Data["mine"]!.GetValue<bool>(), "Sam's own marker, for Sam's other tabs");
            alexs.Should().Contain(e => e.Type == "message" && e.Data["threadId"]!.GetValue<Guid>() == t.Joint);
            alexs.Should().Contain(e => e.Type == "read" && e.Data["threadId"]!.GetValue<Guid>() == t.Joint && !e.Data["mine"]!.GetValue<bool>(),
                "read receipts in the joint thread");
        }
        finally
        {
            await b.DisposeAsync();
            await a.DisposeAsync();
        }
    }

    /// <summary>One permit and no queue: any request that kept its permit would leave the next one a 503.</summary>
    private sealed class OnePermitFactory : ClinicApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Clinic:Admission:Permits", "1");
            builder.UseSetting("Clinic:Admission:QueueLimit", "0");
        }
    }

    [Fact]
    public async Task OpenStreams_HoldNoAdmissionPermit_SoTheRestOfTheAppStillAnswers()
    {
        var factory = new OnePermitFactory();
        await factory.InitializeAsync();
        try
        {
            var therapist = await factory.SignedInTherapistAsync();
            var streams = new List<EventStream>();
            for (var i = 0; i < 3; i++) streams.Add(await EventStream.OpenAsync(therapist));
            try
            {
                (await therapist.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK,
                    "three open streams (three tabs) must not take the only permit: before the fix this was a 503");
                (await therapist.GetAsync("/api/couples")).StatusCode.Should().Be(HttpStatusCode.OK);
            }
            finally
            {
                foreach (var s in streams) await s.DisposeAsync();
            }
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnAdmin_GetsNoStream_AndNoTokenIs401()
    {
        var factory = new ClinicApiFactory();
        await factory.InitializeAsync();
        try
        {
            var admin = await factory.AdminAsync();
            (await admin.GetAsync("/api/messages/stream")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            // As a browser's EventSource asks: only text/event-stream accepted. The refusal is still a problem, not a 500.
            foreach (var (client, status) in new[] { (admin, HttpStatusCode.Forbidden), (factory.Anonymous(), HttpStatusCode.Unauthorized) })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/messages/stream");
                if (client.AccessToken is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                using var refused = await client.Http.SendAsync(request);
                refused.StatusCode.Should().Be(status);
                refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                (await refused.Content.ReadAsStringAsync()).Should().Contain("correlationId");
            }
            (await factory.Anonymous().GetAsync("/api/messages/stream")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }
}
