using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Portal;
using Clinic.Api.Features.Practice;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clinic.Api.Features.Messaging;

internal static class ThreadLists
{
    public static async Task<ThreadListDto> ReadAsync(ClinicDbContext db, Couple couple, IReadOnlyList<MessageQueries.ThreadRow> rows,
        bool therapist, CancellationToken ct)
    {
        var settings = await db.PracticeSettings.Select(s => new { s.MessagingEnabled, s.MessagingNotice, s.CrisisResources }).SingleAsync(ct);
        return new ThreadListDto(couple.Id, therapist ? couple.DisplayName : null, settings.MessagingEnabled, couple.IsClosed, settings.MessagingNotice,
            PracticeSettingsViews.Crisis(settings.CrisisResources), rows.Select(r => r.ToDto(therapist)).ToList());
    }
}

public sealed record ListCoupleThreadsQuery(Guid CoupleId) : IRequest<ThreadListDto>;

/// <summary>The couple's three threads for its therapist, each with its unread count and last message time; audited.</summary>
internal sealed class ListCoupleThreadsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ListCoupleThreadsQuery, ThreadListDto>
{
    public async Task<ThreadListDto> Handle(ListCoupleThreadsQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        await MessageQueries.EnsureThreadsAsync(db, couple.Id, clock.GetUtcNow(), ct);
        var rows = await MessageQueries.ThreadsAsync(db, user.Id, "t.couple_id = @couple", ct, new NpgsqlParameter<Guid>("couple", couple.Id));
        audit.Record("message.thread.list", "couple", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return await ThreadLists.ReadAsync(db, couple, rows, therapist: true, ct);
    }
}

public sealed record ListMyThreadsQuery : IRequest<ThreadListDto>;

/// <summary>The partner's two threads: the joint one and their own private one — never the other partner's.</summary>
internal sealed class ListMyThreadsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ListMyThreadsQuery, ThreadListDto>
{
    public async Task<ThreadListDto> Handle(ListMyThreadsQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        await MessageQueries.EnsureThreadsAsync(db, couple.Id, clock.GetUtcNow(), ct);
        var rows = await MessageQueries.ThreadsAsync(db, user.Id, "t.couple_id = @couple AND (t.kind = 'joint' OR t.partner_id = @partner)", ct,
            new NpgsqlParameter<Guid>("couple", couple.Id), new NpgsqlParameter<Guid>("partner", me.Id));
        audit.Record("portal.message.thread.list", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return await ThreadLists.ReadAsync(db, couple, rows, therapist: false, ct);
    }
}

public sealed record GetInboxQuery : IRequest<InboxDto>;

/// <summary>
/// The therapist's inbox: every thread of their caseload with messages they have not read, the one waiting longest
/// first, and beside a partner's private thread whether that partner has an open safety flag.
/// </summary>
internal sealed class GetInboxHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit) : IRequestHandler<GetInboxQuery, InboxDto>
{
    public async Task<InboxDto> Handle(GetInboxQuery query, CancellationToken ct)
    {
        var rows = await MessageQueries.ThreadsAsync(db, user.Id, $"{Ownership.OwnedBySql("c", "@reader")} AND u.unread > 0", ct);
        var items = rows.OrderBy(r => r.OldestUnreadAt).ThenBy(r => r.CoupleName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new InboxItemDto(r.Id, r.CoupleId, r.CoupleName, r.ThreadKind, r.PartnerId, r.PartnerName, r.UnreadCount,
                r.OldestUnreadAt!.Value, r.LastMessageAt!.Value, r.SafetyFlagOpen))
            .ToList();
        audit.Record("message.inbox", "thread", null, null, detail: $"{items.Count} threads");
        await db.SaveChangesAsync(ct);
        return new InboxDto(items.Sum(i => i.UnreadCount), items);
    }
}
