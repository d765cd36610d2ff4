using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.Headers;
using Npgsql;

namespace Clinic.Api.Features.Messaging;

/// <summary>
/// What a stream tells its user: <c>ready</c> (subscribed: anything from now on arrives), <c>message</c> (a new message
/// in one of my threads: fetch it with <c>after</c>), <c>read</c> (someone's read marker moved: a read receipt), and
/// <c>resync</c> (this instance lost the database's announcements for a moment: catch up by cursor). Ids only, never text.
/// </summary>
/// <param name="Mine">The message was mine, or the marker that moved is mine (another tab or device).</param>
public sealed record MessageStreamEventDto(string Type, Guid? ThreadId, Guid? CoupleId, long? Seq, Guid? MessageId, bool? Mine);

/// <summary>An announcement from the database (migration 0310's triggers on messages and message_reads).</summary>
internal sealed record MessageAnnouncement(string Type, Guid ThreadId, Guid CoupleId, long Seq, Guid? MessageId, Guid AuthorUserId, Guid[] Audience)
{
    public const string Channel = "clinic_messages";

    public static MessageAnnouncement? Parse(string payload)
    {
        try { return JsonSerializer.Deserialize<MessageAnnouncement>(payload, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }
}

/// <summary>
/// The in-process fan-out: each open stream subscribes with its user's id; an announcement goes only to the streams of
/// the accounts in its audience (the database named them: the couple's therapist and the thread's partners).
/// </summary>
public sealed class MessageHub
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<MessageStreamEventDto>, byte>> _streams = new();

    public int OpenStreams => _streams.Values.Sum(s => s.Count);

    public Subscription Subscribe(Guid userId)
    {
        // A slow reader loses the oldest events rather than holding memory: the client catches up by cursor anyway.
        var channel = Channel.CreateBounded<MessageStreamEventDto>(new BoundedChannelOptions(100)
        { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _streams.GetOrAdd(userId, _ => new()).TryAdd(channel, 0);
        return new Subscription(this, userId, channel);
    }

    internal void Publish(MessageAnnouncement a)
    {
        foreach (var userId in a.Audience.Distinct())
        {
            if (!_streams.TryGetValue(userId, out var streams)) continue;
            var dto = new MessageStreamEventDto(a.Type, a.ThreadId, a.CoupleId, a.Seq, a.MessageId, a.AuthorUserId == userId);
            foreach (var channel in streams.Keys) channel.Writer.TryWrite(dto);
        }
    }

    /// <summary>After a lost connection: every stream is told to catch up by cursor.</summary>
    internal void PublishResync()
    {
        var resync = new MessageStreamEventDto("resync", null, null, null, null, null);
        foreach (var channel in _streams.Values.SelectMany(s => s.Keys)) channel.Writer.TryWrite(resync);
    }

    public sealed class Subscription(MessageHub hub, Guid userId, Channel<MessageStreamEventDto> channel) : IDisposable
    {
        public ChannelReader<MessageStreamEventDto> Reader => channel.Reader;

        public void Dispose()
        {
            if (hub._streams.TryGetValue(userId, out var streams))
            {
                streams.TryRemove(channel, out _);
                if (streams.IsEmpty) hub._streams.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Channel<MessageStreamEventDto>, byte>>(userId, streams));
            }
            channel.Writer.TryComplete();
        }
    }
}

/// <summary>
/// One listening connection per app instance (DESIGN §15): LISTEN works on the primary only, so the connection asks for
/// the primary, and when it drops (a restart, a failover) it reconnects, listens again and tells every stream to resync.
/// A cheap query every <see cref="Probe"/> finds a connection that died without a word.
/// </summary>
internal sealed class MessageListener(IConfiguration configuration, MessageHub hub, ILogger<MessageListener> logger) : BackgroundService
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(15);

    /// <summary>Set once the first LISTEN is in place (start-up and tests wait for it).</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var lost = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) =>
                {
                    if (MessageAnnouncement.Parse(e.Payload) is { } announcement) hub.Publish(announcement);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {MessageAnnouncement.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stop);
                Listening.TrySetResult();
                if (lost)
                {
                    logger.LogInformation("Listening for messages again");
                    hub.PublishResync();
                }
                delay = TimeSpan.FromMilliseconds(250);
                while (!stop.IsCancellationRequested)
                {
                    if (await connection.WaitAsync(Probe, stop)) continue;
                    await using var probe = new NpgsqlCommand("SELECT 1", connection);
                    await probe.ExecuteScalarAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever broke the connection, the listener must outlive it: the host keeps serving, streams fall back to polling.
                if (!lost) logger.LogWarning("The message listener lost its connection ({Error}); reconnecting", e.GetType().Name);
                lost = true;
                hub.PublishResync();
                try { await Task.Delay(delay, stop); }
                catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private string ConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Clinic"))
        {
            // Its own physical connection, never a pooled one: a LISTEN belongs to the session that ran it.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "clinic-message-listener",
        };
        // A multi-host string (a managed failover pair) must reach the primary: a standby cannot LISTEN.
        if (builder.Host?.Contains(',') == true) builder.TargetSessionAttributes = "primary";
        return builder.ConnectionString;
    }
}

/// <summary>GET /api/messages/stream: the signed-in user's own events, as Server-Sent Events.</summary>
internal static class MessageStreamEndpoint
{
    /// <summary>A comment-free keep-alive so proxies and the browser keep an idle stream open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(25);

    /// <summary>Longest a stream stays open: the client reconnects with a fresh token, so a stream never outlives its session's check by long.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    public static IResult Open(HttpContext http, ICurrentUser user, MessageHub hub, ClaimsPrincipal principal, TimeProvider clock, CancellationToken ct)
    {
        if (user.Role is not (Roles.Therapist or Roles.Client)) throw new ForbiddenException("An admin reads no messages.");
        // Only an event-stream client gets a stream (EventSource sends this; a plain fetch must): anything else would wait for a body that never ends.
        if (!http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
            return TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
                detail: "This is a Server-Sent Events stream: send Accept: text/event-stream.");
        var lifetime = MaxLifetime;
        if (long.TryParse(principal.FindFirst("exp")?.Value, out var exp))
        {
            var left = DateTimeOffset.FromUnixTimeSeconds(exp) - clock.GetUtcNow();
            if (left > TimeSpan.Zero && left < lifetime) lifetime = left;
        }
        // From here the stream waits on the hub, not the database: its admission permit goes back to the queue.
        Infrastructure.Startup.AdmissionControl.ReleaseEarly(http);
        return TypedResults.ServerSentEvents(EventsAsync(hub.Subscribe(user.Id), lifetime, ct));
    }

    private static async IAsyncEnumerable<SseItem<MessageStreamEventDto>> EventsAsync(MessageHub.Subscription subscription, TimeSpan lifetime,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var _ = subscription;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ending.CancelAfter(lifetime);
        yield return new SseItem<MessageStreamEventDto>(new("ready", null, null, null, null, null), "ready") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
        while (!ending.IsCancellationRequested)
        {
            MessageStreamEventDto? next = null;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(ending.Token))
            {
                beat.CancelAfter(Heartbeat);
                try
                {
                    next = await subscription.Reader.ReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ending.IsCancellationRequested) { }
                catch (OperationCanceledException) { yield break; }
                catch (ChannelClosedException) { yield break; }
            }
            yield return next is null
                ? new SseItem<MessageStreamEventDto>(new("ping", null, null, null, null, null), "ping")
                : new SseItem<MessageStreamEventDto>(next, next.Type);
        }
    }
}
