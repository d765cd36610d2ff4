using Clinic.Api.Data;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Messaging;

public sealed record ListMessagesQuery(Guid ThreadId, long? Before, long? After, int? Limit) : IRequest<MessagePageDto>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

public sealed class ListMessagesValidator : AbstractValidator<ListMessagesQuery>
{
    public ListMessagesValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListMessagesQuery.MaxLimit);
        RuleFor(q => q.Before).GreaterThan(0);
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.After).Null().When(q => q.Before is not null).WithMessage("Page either before or after a message, not both.");
    }
}

/// <summary>
/// A page of a thread, newest first: the latest messages, those before <c>before</c> (older, for scrolling back), or
/// those after <c>after</c> (newer, to catch up after a dropped stream). Every read by the therapist is audited, and
/// so is every read in the portal.
/// </summary>
internal sealed class ListMessagesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit) : IRequestHandler<ListMessagesQuery, MessagePageDto>
{
    public async Task<MessagePageDto> Handle(ListMessagesQuery query, CancellationToken ct)
    {
        var readable = await db.ReadableThreadAsync(user, query.ThreadId, ct);
        var limit = query.Limit ?? ListMessagesQuery.DefaultLimit;
        var messages = db.Messages.Where(m => m.ThreadId == readable.Thread.Id);
        List<Message> page;
        long? nextBefore = null, nextAfter = null;
        if (query.After is { } after)
        {
            page = await messages.Where(m => m.Seq > after).OrderBy(m => m.Seq).Take(limit + 1).ToListAsync(ct);
            if (page.Count > limit)
            {
                page.RemoveAt(limit);
                nextAfter = page[^1].Seq;
            }
            page.Reverse();
        }
        else
        {
            if (query.Before is { } before) messages = messages.Where(m => m.Seq < before);
            page = await messages.OrderByDescending(m => m.Seq).Take(limit + 1).ToListAsync(ct);
            if (page.Count > limit)
            {
                page.RemoveAt(limit);
                nextBefore = page[^1].Seq;
            }
        }

        var markers = await ReadMarkersAsync(readable, ct);
        audit.Record(readable.IsTherapist ? "message.read" : "portal.message.read", "thread", readable.Thread.Id, readable.Couple.Id,
            detail: page.Count == 0 ? "no messages" : $"seq {page[^1].Seq}-{page[0].Seq}");
        await db.SaveChangesAsync(ct);
        return new MessagePageDto(readable.Thread.Id, page.Select(m => m.ToDto(user.Id, readable.Me)).ToList(), nextBefore, nextAfter, markers);
    }

    /// <summary>How far each other person of the thread has read it.</summary>
    private async Task<List<ReadMarkerDto>> ReadMarkersAsync(ReadableThread readable, CancellationToken ct)
    {
        var couple = readable.Couple;
        var reads = await db.MessageReads.Where(r => r.ThreadId == readable.Thread.Id && r.UserId != user.Id).ToListAsync(ct);
        var markers = new List<ReadMarkerDto>();
        foreach (var read in reads)
        {
            if (read.UserId == couple.TherapistId)
                markers.Add(new ReadMarkerDto(MessageAuthorRole.Therapist, null, "Therapist", read.UpToSeq, read.ReadAt));
            else if (couple.Partners.FirstOrDefault(p => p.UserId == read.UserId) is { } partner && readable.Thread.Includes(partner.Id))
                markers.Add(new ReadMarkerDto(MessageAuthorRole.Partner, partner.Id,
                    readable.Me is null ? partner.FirstName : MessageQueries.YourPartner, read.UpToSeq, read.ReadAt));
        }
        return markers;
    }
}

public sealed record PostMessageCommand(string? Body) : IRequest<MessageDto>
{
    internal Guid ThreadId { get; init; }
}

public sealed class PostMessageValidator : AbstractValidator<PostMessageCommand>
{
    public PostMessageValidator() =>
        RuleFor(c => c.Body).Must(b => b is not null && Message.Normalise(b).Length > 0).WithMessage("Write a message before sending it.")
            .Must(b => b is null || Message.Normalise(b).Length <= Message.MaxLength)
            .WithMessage($"Keep a message to at most {Message.MaxLength} characters.")
            .Must(b => b is null || !b.Contains('\0')).WithMessage("Must not contain NUL characters.");
}

/// <summary>
/// Adds a message to a thread the caller may read: plain text, kept as written, never edited or deleted. A closed
/// couple takes none, nor does a practice that turned messaging off (409). The others of the thread are told by a
/// neutral email (<see cref="MessageNotices"/>) and, live, by the stream (the table's trigger announces it on commit).
/// </summary>
internal sealed class PostMessageHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, MessageNotices notices, TimeProvider clock)
    : IRequestHandler<PostMessageCommand, MessageDto>
{
    public const string MessagingOffMessage = "The practice has turned messaging off: nothing new can be sent, and every thread stays readable.";

    public async Task<MessageDto> Handle(PostMessageCommand command, CancellationToken ct)
    {
        var readable = await db.ReadableThreadAsync(user, command.ThreadId, ct);
        readable.Couple.EnsureOpen();
        if (!await db.PracticeSettings.Select(s => s.MessagingEnabled).SingleAsync(ct)) throw new ConflictException(MessagingOffMessage);

        var authorName = readable.Me?.FirstName
                         ?? await db.Users.Where(u => u.Id == user.Id).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleAsync(ct);
        var now = clock.GetUtcNow();
        var message = Message.Write(readable.Thread, user.Id, readable.Me?.Id, authorName, command.Body!, now);

        // The message, the writer's own read marker, the emails and the audit row commit together.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            db.Messages.Add(message);
            await notices.TellAsync(readable, user.Id, ct);
            audit.Record(readable.IsTherapist ? "message.write" : "portal.message.write", "thread", readable.Thread.Id, readable.Couple.Id,
                detail: $"message {message.Id}");
            await db.SaveChangesAsync(ct);
            await MessageQueries.MarkReadAsync(db, readable.Thread, user.Id, message.Seq, now, ct);
            await MessageDraftStore.ClearAsync(db, readable.Thread.Id, user.Id, now, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        return message.ToDto(user.Id, readable.Me);
    }
}

public sealed record MarkThreadReadCommand(long? UpTo) : IRequest<ReadStateDto>
{
    internal Guid ThreadId { get; init; }
}

public sealed class MarkThreadReadValidator : AbstractValidator<MarkThreadReadCommand>
{
    public MarkThreadReadValidator() => RuleFor(c => c.UpTo).NotNull().GreaterThan(0).WithMessage("Give the seq of the newest message read.");
}

/// <summary>Moves the caller's read marker forward to a message of the thread (never back); the others see it as a read receipt.</summary>
internal sealed class MarkThreadReadHandler(ClinicDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkThreadReadCommand, ReadStateDto>
{
    public async Task<ReadStateDto> Handle(MarkThreadReadCommand command, CancellationToken ct)
    {
        var readable = await db.ReadableThreadAsync(user, command.ThreadId, ct);
        var upTo = command.UpTo!.Value;
        if (!await db.Messages.AnyAsync(m => m.ThreadId == readable.Thread.Id && m.Seq == upTo, ct))
            throw new FieldValidationException("upTo", "This is not a message of this thread.");
        await MessageQueries.MarkReadAsync(db, readable.Thread, user.Id, upTo, clock.GetUtcNow(), ct);
        var marker = await db.MessageReads.Where(r => r.ThreadId == readable.Thread.Id && r.UserId == user.Id).Select(r => r.UpToSeq).SingleAsync(ct);
        var unread = await db.Messages.CountAsync(m => m.ThreadId == readable.Thread.Id && m.AuthorUserId != user.Id && m.Seq > marker, ct);
        return new ReadStateDto(readable.Thread.Id, marker, unread);
    }
}
