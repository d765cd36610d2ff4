namespace Clinic.Api.Domain.Messaging;

public enum ThreadKind { Joint, Private }

/// <summary>
/// A conversation of one couple (DESIGN §15): the joint thread (both partners and the therapist) or one partner's
/// private thread (that partner and the therapist). Who may read a thread is <see cref="Includes"/>: the API asks it
/// for every portal read and write, so the other partner's private thread is never found.
/// </summary>
public sealed class MessageThread
{
    private MessageThread() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public ThreadKind Kind { get; private set; }
    /// <summary>The partner of a private thread; null for the joint thread.</summary>
    public Guid? PartnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether a partner is one of this thread's people (the therapist always is).</summary>
    public bool Includes(Guid partnerId) => Kind == ThreadKind.Joint || PartnerId == partnerId;

    /// <summary>Portal filter for <see cref="Includes"/>, as a query expression.</summary>
    public static System.Linq.Expressions.Expression<Func<MessageThread, bool>> VisibleTo(Guid coupleId, Guid partnerId) =>
        t => t.CoupleId == coupleId && (t.Kind == ThreadKind.Joint || t.PartnerId == partnerId);
}

/// <summary>
/// One message: plain text of 1–<see cref="MaxLength"/> characters, part of the clinical record — never edited or
/// deleted (the table refuses it). <see cref="Seq"/> orders a thread and is its paging cursor.
/// </summary>
public sealed class Message
{
    public const int MaxLength = 4000;

    private Message() { }

    public Guid Id { get; private set; }
    public long Seq { get; private set; }
    public Guid ThreadId { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid AuthorUserId { get; private set; }
    /// <summary>The partner who wrote it; null when the therapist did.</summary>
    public Guid? AuthorPartnerId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Message Write(MessageThread thread, Guid authorUserId, Guid? authorPartnerId, string authorName, string body,
        DateTimeOffset now)
    {
        var text = Normalise(body);
        if (text.Length == 0) throw DomainRuleException.Invalid("body", "Write a message before sending it.");
        if (text.Length > MaxLength) throw DomainRuleException.Invalid("body", $"Keep a message to at most {MaxLength} characters.");
        return new Message
        {
            Id = Guid.NewGuid(), ThreadId = thread.Id, CoupleId = thread.CoupleId, AuthorUserId = authorUserId,
            AuthorPartnerId = authorPartnerId, AuthorName = authorName, Body = text,
            // Whole microseconds, as PostgreSQL keeps them: the answer to the POST and the next GET say the same.
            CreatedAt = now.AddTicks(-(now.Ticks % 10)),
        };
    }

    /// <summary>Plain text: line ends made \n, surrounding blank space trimmed; nothing else is changed.</summary>
    public static string Normalise(string body) => body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}

/// <summary>How far one reader has read one thread; it only moves forward.</summary>
public sealed class MessageRead
{
    private MessageRead() { }

    public Guid ThreadId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid CoupleId { get; private set; }
    public long UpToSeq { get; private set; }
    public DateTimeOffset ReadAt { get; private set; }

    public static MessageRead Start(MessageThread thread, Guid userId) =>
        new() { ThreadId = thread.Id, UserId = userId, CoupleId = thread.CoupleId };

    /// <summary>Moves the marker to <paramref name="seq"/> when that is further; returns whether it moved.</summary>
    public bool MoveTo(long seq, DateTimeOffset now)
    {
        if (seq <= UpToSeq) return false;
        UpToSeq = seq;
        ReadAt = now;
        return true;
    }
}
