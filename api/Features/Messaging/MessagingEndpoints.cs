using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Idempotency;
using Clinic.Api.Infrastructure.Startup;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Messaging;

/// <summary>
/// Secure messaging (DESIGN §15, issue 31). The therapist's routes and the portal's are the same handlers under two
/// policies: who may read which thread is decided once, in <see cref="MessageQueries.ReadableThreadAsync"/>. An admin
/// reads no messages (403 on every route).
/// </summary>
internal sealed class MessagingEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var couples = app.MapGroup("/api/couples/{id:guid}").WithTags("Messaging").RequireAuthorization(Policies.Therapist);
        couples.MapGet("/threads", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListCoupleThreadsQuery(id), ct))
            .WithName("ListCoupleThreads")
            .WithSummary("The couple's joint thread and each partner's private thread, with unread counts, the practice's notice and safety flags.");

        app.MapGet("/api/inbox", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetInboxQuery(), ct))
            .WithTags("Messaging").RequireAuthorization(Policies.Therapist)
            .WithName("GetInbox").WithSummary("Threads of my caseload with messages I have not read, the one waiting longest first.");

        var email = app.MapGroup("/api/me/message-email").WithTags("Messaging").RequireAuthorization(Policies.Therapist);
        email.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetMessageEmailChoiceQuery(), ct))
            .WithName("GetMyMessageEmailChoice").WithSummary("How I hear of new messages by email: each message, or a daily digest of unread threads.");
        email.MapPut("/", (SetMessageEmailChoiceCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("SetMyMessageEmailChoice").WithSummary("Choose an email per new message or a daily digest (counts only, at 08:00 in the practice's zone).");

        app.MapGet("/api/messages/stream", MessageStreamEndpoint.Open)
            .WithTags("Messaging").RequireAuthorization(Policies.Authenticated)
            .Produces<MessageStreamEventDto>(StatusCodes.Status200OK, "text/event-stream")
            .WithName("StreamMyMessages")
            .WithSummary("Server-Sent Events for my threads only: ready, message, read, resync (catch up by cursor) and ping; ids, never text.");

        MapThreadRoutes(app.MapGroup("/api/threads").WithTags("Messaging").RequireAuthorization(Policies.Therapist), "", "/api/threads");

        var portal = app.MapGroup("/api/portal/threads").WithTags("Portal").RequireAuthorization(Policies.Client);
        portal.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyThreadsQuery(), ct))
            .WithName("ListMyThreads").WithSummary("My threads: the joint one with my partner and our therapist, and my private one with our therapist.");
        MapThreadRoutes(portal, "My", "/api/portal/threads");
    }

    private static void MapThreadRoutes(RouteGroupBuilder group, string prefix, string path)
    {
        group.MapGet("/{threadId:guid}/messages", (Guid threadId, long? before, long? after, int? limit, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMessagesQuery(threadId, before, after, limit), ct))
            .WithName($"List{prefix}ThreadMessages")
            .WithSummary("Messages newest first, 50 (limit up to 100) at a time: before=seq for older ones, after=seq to catch up.");

        group.MapPost("/{threadId:guid}/messages", (Guid threadId, PostMessageCommand command,
                [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey, IdempotentWrites idempotent,
                IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, $"POST {path}/{threadId}/messages", command, async token =>
                {
                    var message = await mediator.Send(command with { ThreadId = threadId }, token);
                    return WriteOutcome.Created($"{path}/{threadId}/messages?after={message.Seq - 1}&limit=1", message);
                }, ct))
            .RequireRateLimiting(RateLimitPolicies.Messages)
            .Produces<MessageDto>(StatusCodes.Status201Created)
            .WithName($"Post{prefix}ThreadMessage")
            .WithSummary("Send a message (1–4000 characters of plain text); send an Idempotency-Key so a retry sends it once.");

        group.MapPost("/{threadId:guid}/read", (Guid threadId, MarkThreadReadCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { ThreadId = threadId }, ct))
            .WithName($"Mark{prefix}ThreadRead").WithSummary("I have read up to this message (its seq); the marker never moves back.");

        group.MapGet("/{threadId:guid}/draft", (Guid threadId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetMessageDraftQuery(threadId), ct))
            .WithName($"Get{prefix}MessageDraft").WithSummary("My unsent message in this thread, kept on the server (empty when none).");

        group.MapPut("/{threadId:guid}/draft", (Guid threadId, SaveMessageDraftCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { RouteThreadId = threadId }, ct))
            .WithName($"Save{prefix}MessageDraft").WithSummary("Keep my unsent message in this thread (0–4000 characters; empty clears it).");
    }
}

internal sealed class MessagingModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MessageNotices>();
        services.AddScoped<Infrastructure.Email.IReminderKind, MessageDigest>();
        services.AddSingleton<MessageHub>();
        services.AddSingleton<MessageListener>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageListener>());
    }
}
