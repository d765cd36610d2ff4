namespace Clinic.Api.Domain.Email;

public enum DeliveryStatus { Pending, Sent, Failed, Cancelled, Skipped }

/// <summary>
/// One email, stored in the same transaction as the change that causes it (DESIGN §10). Its id is
/// the Message-ID, so however often a crash makes the sender try again, the recipient's mail system
/// sees one message. A reminder is a row due later without content: it is composed when it falls
/// due, from the state of things then.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string Recipient { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public Guid? PartnerId { get; private set; }
    /// <summary>The appointment, assignment or request a reminder or notice is about.</summary>
    public Guid? AboutId { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? ResentFrom { get; private set; }
    /// <summary>The whole MIME message; null for a reminder not yet due and once cleared after sending.</summary>
    public byte[]? Content { get; private set; }
    public DateTimeOffset? ContentClearedAt { get; private set; }
    /// <summary>Messages with one key go at most once per <see cref="ThrottleSeconds"/> (see <see cref="Throttle"/>).</summary>
    public string? ThrottleKey { get; private set; }
    public int? ThrottleSeconds { get; private set; }

    public bool IsPending => Status == DeliveryStatus.Pending;

    /// <summary>A message composed now and sent as soon as the sender gets to it.</summary>
    public static OutboxMessage Composed(Guid id, string kind, string recipient, byte[] content, DateTimeOffset now,
        Recipients about = default) => new()
    {
        Id = id, Kind = kind, Recipient = recipient, Content = content, Status = DeliveryStatus.Pending,
        DueAt = now, NextAttemptAt = now, CreatedAt = now,
        UserId = about.UserId, PartnerId = about.PartnerId, AboutId = about.AboutId,
    };

    /// <summary>
    /// A message composed now that goes at <paramref name="dueAt"/> at the earliest, and then only if no
    /// other message with the same throttle key has gone in the meantime (the sender checks again).
    /// </summary>
    public static OutboxMessage Throttled(Guid id, string kind, string recipient, byte[] content, DateTimeOffset now,
        DateTimeOffset dueAt, Throttle throttle, Recipients about = default)
    {
        var message = Composed(id, kind, recipient, content, now, about);
        message.DueAt = message.NextAttemptAt = dueAt < now ? now : dueAt;
        message.ThrottleKey = throttle.Key;
        message.ThrottleSeconds = (int)Math.Ceiling(throttle.Window.TotalSeconds);
        return message;
    }

    /// <summary>
    /// A message that cannot go: its address does not parse as one mailbox (a row stored before addresses
    /// were checked). It is logged as failed with the reason, and the write that queued it still succeeds.
    /// </summary>
    public static OutboxMessage Undeliverable(Guid id, string kind, string recipient, string reason, DateTimeOffset now,
        Recipients about = default) => new()
    {
        Id = id, Kind = kind, Recipient = recipient, Status = DeliveryStatus.Failed, LastError = reason,
        DueAt = now, NextAttemptAt = now, CreatedAt = now, LastAttemptAt = now,
        UserId = about.UserId, PartnerId = about.PartnerId, AboutId = about.AboutId,
    };

    /// <summary>A reminder due at <paramref name="dueAt"/>; the sender composes it then, or skips it if it no longer applies.</summary>
    public static OutboxMessage Reminder(string kind, string recipient, DateTimeOffset dueAt, DateTimeOffset now, Recipients about,
        Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(), Kind = kind, Recipient = recipient, Status = DeliveryStatus.Pending,
        DueAt = dueAt, NextAttemptAt = dueAt, CreatedAt = now,
        UserId = about.UserId, PartnerId = about.PartnerId, AboutId = about.AboutId,
    };

    /// <summary>Withdraws a message that has not gone yet (an appointment moved or cancelled before its reminder).</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!IsPending) return;
        Status = DeliveryStatus.Cancelled;
        LastAttemptAt = now;
    }

    /// <summary>
    /// Another copy of this message under a new Message-ID: a resend is a new message to the
    /// recipient's mail system, not a duplicate of one it may already have.
    /// </summary>
    public OutboxMessage Resend(Guid newId, byte[] content, DateTimeOffset now) => new()
    {
        Id = newId, Kind = Kind, Recipient = Recipient, UserId = UserId, PartnerId = PartnerId, AboutId = AboutId,
        Status = DeliveryStatus.Pending, DueAt = now, NextAttemptAt = now, CreatedAt = now, ResentFrom = Id, Content = content,
    };
}

/// <summary>
/// At most one message per <paramref name="Key"/> in any <paramref name="Window"/>: a key names who is
/// told what ("portal_news:{partner}", "new_message:{thread}:{recipient}"). News that comes within the
/// window after a message went is carried by one message sent when the window ends; news that comes
/// while one is waiting adds nothing to it.
/// </summary>
public readonly record struct Throttle(string Key, TimeSpan Window)
{
    public const int MaxKeyLength = 200;

    /// <summary>When a message with this throttle may go again, after one went at <paramref name="lastSentAt"/>.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset? lastSentAt, DateTimeOffset now) =>
        lastSentAt is { } sent && sent + Window > now ? sent + Window : now;
}

/// <summary>Who a message is for in the practice's records, beside the address it goes to.</summary>
public readonly record struct Recipients(Guid? UserId = null, Guid? PartnerId = null, Guid? AboutId = null);
