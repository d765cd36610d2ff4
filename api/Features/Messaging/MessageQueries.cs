using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clinic.Api.Features.Messaging;

/// <summary>A thread the caller may read, with its couple, and the caller's partner record in the portal.</summary>
internal sealed record ReadableThread(MessageThread Thread, Couple Couple, Partner? Me)
{
    public bool IsTherapist => Me is null;
}

/// <summary>
/// Who may read which thread, in one place (DESIGN §15): the couple's therapist reads its three threads; a partner
/// reads the joint thread and their own private one. Anything else — the other partner's private thread, another
/// caseload's — is not found (404), exactly like a thread that does not exist.
/// </summary>
internal static class MessageQueries
{
    /// <summary>The couple's joint thread and one private thread per partner, made the first time anyone asks.</summary>
    public static Task EnsureThreadsAsync(ClinicDbContext db, Guid coupleId, DateTimeOffset now, CancellationToken ct) =>
        // The unique indexes make a race between two first requests harmless: the second inserts nothing.
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO message_threads (id, couple_id, kind, partner_id, created_at)
            SELECT gen_random_uuid(), x.couple_id, x.kind, x.partner_id, {now}
            FROM (SELECT {coupleId}::uuid AS couple_id, 'joint'::varchar AS kind, NULL::uuid AS partner_id
                  UNION ALL SELECT p.couple_id, 'private', p.id FROM partners p WHERE p.couple_id = {coupleId}) x
            WHERE NOT EXISTS (SELECT 1 FROM message_threads t WHERE t.couple_id = x.couple_id AND t.kind = x.kind
                              AND t.partner_id IS NOT DISTINCT FROM x.partner_id)
            ON CONFLICT DO NOTHING
            """, ct);

    public static async Task<ReadableThread> ReadableThreadAsync(this ClinicDbContext db, ICurrentUser user, Guid threadId, CancellationToken ct)
    {
        var thread = await db.MessageThreads.SingleOrDefaultAsync(t => t.Id == threadId, ct) ?? throw new NotFoundException("thread");
        if (user.Role == Roles.Therapist)
        {
            var couple = await db.Couples.Include(c => c.Partners).OwnedBy(user).SingleOrDefaultAsync(c => c.Id == thread.CoupleId, ct)
                         ?? throw new NotFoundException("thread");
            return new ReadableThread(thread, couple, null);
        }
        var (me, mine) = await db.PortalPartnerAsync(user, ct);
        if (thread.CoupleId != mine.Id || !thread.Includes(me.Id)) throw new NotFoundException("thread");
        return new ReadableThread(thread, mine, me);
    }

    /// <summary>
    /// The caseload column: messages from anyone but the couple's therapist, in the couple's threads, after the
    /// therapist's read marker of that thread (<paramref name="couple"/> is the couples alias of the statement).
    /// </summary>
    public static string UnreadForTherapistSql(string couple) => $"""
        (SELECT count(*)::int FROM messages m
         LEFT JOIN message_reads r ON r.thread_id = m.thread_id AND r.user_id = {couple}.therapist_id
         WHERE m.couple_id = {couple}.id AND m.author_user_id <> {couple}.therapist_id AND m.seq > coalesce(r.up_to_seq, 0))
        """;

    /// <summary>One thread as the caller sees it in a list; read with <see cref="ThreadsAsync"/> (columns named as EF's snake_case convention expects).</summary>
    internal sealed class ThreadRow
    {
        public Guid Id { get; set; }
        public Guid CoupleId { get; set; }
        public string CoupleName { get; set; } = "";
        public string Kind { get; set; } = "";
        public Guid? PartnerId { get; set; }
        public string? PartnerName { get; set; }
        public int UnreadCount { get; set; }
        public DateTimeOffset? OldestUnreadAt { get; set; }
        public DateTimeOffset? LastMessageAt { get; set; }
        public long LastSeq { get; set; }
        public long ReadUpTo { get; set; }
        public bool SafetyFlagOpen { get; set; }

        public ThreadKind ThreadKind => SnakeCaseEnumConverter<ThreadKind>.FromWire(Kind);

        public ThreadDto ToDto(bool therapist) => new(Id, CoupleId, ThreadKind, PartnerId, PartnerName, UnreadCount, LastMessageAt, LastSeq,
            ReadUpTo, therapist ? SafetyFlagOpen : null);
    }

    /// <summary>
    /// Threads with the reader's unread count and marker. <paramref name="where"/> filters threads (alias t) and couples
    /// (alias c); @reader is the reader's account, the rest are named <paramref name="parameters"/>.
    /// </summary>
    public static Task<List<ThreadRow>> ThreadsAsync(ClinicDbContext db, Guid reader, string where, CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        var sql = $"""
            SELECT t.id AS id, t.couple_id AS couple_id, c.display_name AS couple_name, t.kind AS kind, t.partner_id AS partner_id,
                   p.first_name AS partner_name, u.unread AS unread_count, u.oldest AS oldest_unread_at,
                   last.created_at AS last_message_at, coalesce(last.seq, 0) AS last_seq, coalesce(r.up_to_seq, 0) AS read_up_to,
                   (t.partner_id IS NOT NULL AND EXISTS (SELECT 1 FROM safety_flags f WHERE f.partner_id = t.partner_id
                                                        AND {SafetyFlag.IsOpenSql("f")})) AS safety_flag_open
            FROM message_threads t
            JOIN couples c ON c.id = t.couple_id
            LEFT JOIN partners p ON p.id = t.partner_id
            LEFT JOIN message_reads r ON r.thread_id = t.id AND r.user_id = @reader
            LEFT JOIN LATERAL (SELECT m.seq, m.created_at FROM messages m WHERE m.thread_id = t.id ORDER BY m.seq DESC LIMIT 1) last ON true
            CROSS JOIN LATERAL (SELECT count(*)::int AS unread, min(m.created_at) AS oldest FROM messages m
                                WHERE m.thread_id = t.id AND m.author_user_id <> @reader AND m.seq > coalesce(r.up_to_seq, 0)) u
            WHERE {where}
            ORDER BY t.kind, p.label NULLS FIRST
            """;
        var values = new List<object> { new NpgsqlParameter<Guid>("reader", reader) };
        values.AddRange(parameters);
        return db.Database.SqlQueryRaw<ThreadRow>(sql, values.ToArray()).ToListAsync(ct);
    }

    public const string YourPartner = "Your partner";

    /// <param name="me">The caller's partner record in the portal (null for the therapist): the other partner is named "Your partner".</param>
    public static MessageDto ToDto(this Message m, Guid caller, Partner? me = null) => new(m.Id, m.Seq, m.ThreadId, m.CoupleId,
        m.AuthorPartnerId is null ? MessageAuthorRole.Therapist : MessageAuthorRole.Partner, m.AuthorPartnerId,
        me is not null && m.AuthorPartnerId is { } author && author != me.Id ? YourPartner : m.AuthorName,
        m.AuthorUserId == caller, m.Body, m.CreatedAt);

    /// <summary>Moves the reader's marker forward to <paramref name="seq"/> (never back), in one statement safe under races.</summary>
    public static Task MarkReadAsync(ClinicDbContext db, MessageThread thread, Guid userId, long seq, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO message_reads (thread_id, user_id, couple_id, up_to_seq, read_at) VALUES ({thread.Id}, {userId}, {thread.CoupleId}, {seq}, {now})
            ON CONFLICT (thread_id, user_id) DO UPDATE SET up_to_seq = excluded.up_to_seq, read_at = excluded.read_at
            WHERE message_reads.up_to_seq < excluded.up_to_seq
            """, ct);
}
