using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Admin;

/// <param name="UserName">The person's name, resolved for display (null for no person, or one no longer on record).</param>
/// <param name="CoupleName">The couple's display name, resolved for display.</param>
public sealed record AuditEventDto(long Id, DateTimeOffset OccurredAt, Guid? UserId, string? Role, string Action,
    string ResourceType, Guid? ResourceId, Guid? CoupleId, string? ClientAddress, AuditOutcome Outcome, string? Detail,
    string? UserName, string? CoupleName);

/// <param name="IncludeRefreshes">Token refreshes (one every few minutes per open tab) are left out unless true, or
/// unless <paramref name="Action"/> asks for them by name.</param>
public sealed record ListAuditEventsQuery(int? Page, int? PageSize, Guid? UserId, Guid? CoupleId, string? Action,
    DateTimeOffset? From, DateTimeOffset? To, bool? IncludeRefreshes = null) : IRequest<Paged<AuditEventDto>>, IPagedRequest;

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Action).MaximumLength(100);
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null);
    }
}

internal sealed class ListAuditEventsHandler(ClinicDbContext db, AuditTrail audit)
    : IRequestHandler<ListAuditEventsQuery, Paged<AuditEventDto>>
{
    /// <summary>What the web app refreshes its access token with: routine, and most of the trail by count.</summary>
    public const string RefreshAction = "auth.refresh";

    public async Task<Paged<AuditEventDto>> Handle(ListAuditEventsQuery query, CancellationToken ct)
    {
        var page = await Named(db, Filter(db.AuditEvents, query), newestFirst: true).ToPagedAsync(query, ct);
        // Reading the trail is itself on the trail.
        audit.Record("admin.audit_read", "audit_event", null, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return page;
    }

    internal static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> events, ListAuditEventsQuery query)
    {
        if (query.UserId is { } userId) events = events.Where(e => e.UserId == userId);
        if (query.CoupleId is { } coupleId) events = events.Where(e => e.CoupleId == coupleId);
        if (!string.IsNullOrWhiteSpace(query.Action)) events = events.Where(e => e.Action == query.Action);
        else if (query.IncludeRefreshes != true) events = events.Where(e => e.Action != RefreshAction);
        if (query.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (query.To is { } to) events = events.Where(e => e.OccurredAt <= to);
        return events;
    }

    /// <summary>
    /// Each event with the names of its person and couple, joined in the same query (the list and the CSV alike);
    /// names are read for display only, the trail itself keeps ids.
    /// </summary>
    internal static IQueryable<AuditEventDto> Named(ClinicDbContext db, IQueryable<AuditEvent> events, bool newestFirst)
    {
        var joined =
            from e in events
            join u in db.Users on e.UserId equals (Guid?)u.Id into users
            from u in users.DefaultIfEmpty()
            join c in db.Couples on e.CoupleId equals (Guid?)c.Id into couples
            from c in couples.DefaultIfEmpty()
            select new { Event = e, UserName = u == null ? null : u.FirstName + " " + u.LastName, CoupleName = c == null ? null : c.DisplayName };
        joined = newestFirst ? joined.OrderByDescending(x => x.Event.Id) : joined.OrderBy(x => x.Event.Id);
        return joined.Select(x => new AuditEventDto(x.Event.Id, x.Event.OccurredAt, x.Event.UserId, x.Event.Role, x.Event.Action,
            x.Event.ResourceType, x.Event.ResourceId, x.Event.CoupleId, x.Event.ClientAddress, x.Event.Outcome, x.Event.Detail,
            x.UserName, x.CoupleName));
    }
}
