using Clinic.Api.Data;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Messaging;

/// <summary>The unsent message I am typing in a thread, kept on the server (never in the browser's storage).</summary>
/// <param name="Body">The text so far; empty when there is no draft.</param>
/// <param name="SavedAt">When it was last saved; null when there is no draft.</param>
public sealed record MessageDraftDto(Guid ThreadId, string Body, DateTimeOffset? SavedAt);

public sealed record GetMessageDraftQuery(Guid ThreadId) : IRequest<MessageDraftDto>;

/// <param name="Body">The text so far (0–4000 characters); an empty body clears the draft.</param>
/// <param name="ThreadId">Ignored (the route names the thread): the GET's answer can be sent back as it is.</param>
/// <param name="SavedAt">Ignored: the server stamps the save.</param>
public sealed record SaveMessageDraftCommand(string? Body, Guid? ThreadId = null, DateTimeOffset? SavedAt = null) : IRequest<MessageDraftDto>
{
    internal Guid RouteThreadId { get; init; }
}

public sealed class SaveMessageDraftValidator : AbstractValidator<SaveMessageDraftCommand>
{
    public SaveMessageDraftValidator()
    {
        RuleFor(c => c.Body).NotNull().WithMessage("Send the draft's text (empty to clear it).")
            .MaximumLength(Message.MaxLength).WithMessage($"Keep a message to at most {Message.MaxLength} characters.")
            .Must(b => b is null || !b.Contains('\0')).WithMessage("Must not contain NUL characters.");
    }
}

/// <summary>My draft of a thread I may read (any other thread is 404, as for its messages); the audit row names the thread only.</summary>
internal sealed class GetMessageDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit) : IRequestHandler<GetMessageDraftQuery, MessageDraftDto>
{
    public async Task<MessageDraftDto> Handle(GetMessageDraftQuery query, CancellationToken ct)
    {
        var readable = await db.ReadableThreadAsync(user, query.ThreadId, ct);
        var draft = await MessageDraftStore.ReadAsync(db, readable.Thread.Id, user.Id, ct);
        audit.Record(readable.IsTherapist ? "message.draft.read" : "portal.message.draft.read", "thread", readable.Thread.Id, readable.Couple.Id);
        await db.SaveChangesAsync(ct);
        return draft;
    }
}

/// <summary>
/// Keeps my draft of a thread, replacing the earlier one, in one statement (two tabs saving at once keep one draft).
/// A draft may be saved while the thread takes no new messages: it is mine, and nothing is sent.
/// </summary>
internal sealed class SaveMessageDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<SaveMessageDraftCommand, MessageDraftDto>
{
    public async Task<MessageDraftDto> Handle(SaveMessageDraftCommand command, CancellationToken ct)
    {
        var readable = await db.ReadableThreadAsync(user, command.RouteThreadId, ct);
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        await MessageDraftStore.SaveAsync(db, readable.Thread, user.Id, command.Body!, now, ct);
        audit.Record(readable.IsTherapist ? "message.draft.save" : "portal.message.draft.save", "thread", readable.Thread.Id, readable.Couple.Id,
            detail: command.Body!.Length == 0 ? "cleared" : null);
        await db.SaveChangesAsync(ct);
        return command.Body!.Length == 0 ? new MessageDraftDto(readable.Thread.Id, "", null) : new MessageDraftDto(readable.Thread.Id, command.Body, now);
    }
}

internal static class MessageDraftStore
{
    public static async Task<MessageDraftDto> ReadAsync(ClinicDbContext db, Guid threadId, Guid userId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<DraftRow>($"""
            SELECT body AS body, saved_at AS saved_at FROM message_drafts WHERE thread_id = {threadId} AND user_id = {userId}
            """).ToListAsync(ct);
        return rows is [{ Body.Length: > 0 } row] ? new MessageDraftDto(threadId, row.Body, row.SavedAt) : new MessageDraftDto(threadId, "", null);
    }

    public static Task SaveAsync(ClinicDbContext db, MessageThread thread, Guid userId, string body, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO message_drafts (thread_id, user_id, couple_id, body, saved_at) VALUES ({thread.Id}, {userId}, {thread.CoupleId}, {body}, {now})
            ON CONFLICT (thread_id, user_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at
            """, ct);

    /// <summary>After sending: the draft is spent (emptied, not deleted — the app deletes nothing of a thread).</summary>
    public static Task ClearAsync(ClinicDbContext db, Guid threadId, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE message_drafts SET body = '', saved_at = {now} WHERE thread_id = {threadId} AND user_id = {userId} AND body <> ''
            """, ct);

    /// <summary>Columns named as EF's snake_case convention expects.</summary>
    internal sealed class DraftRow
    {
        public string Body { get; set; } = "";
        public DateTimeOffset SavedAt { get; set; }
    }
}
