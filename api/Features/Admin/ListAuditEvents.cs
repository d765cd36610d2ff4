using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Admin;

public sealed record AuditEventDto(long Id, DateTimeOffset OccurredAt, Guid? UserId, string? Role, string Action,
    string ResourceType, Guid? ResourceId, Guid? CoupleId, string? ClientAddress, AuditOutcome Outcome, string? Detail);

public sealed record ListAuditEventsQuery(int? Page, int? PageSize, Guid? UserId, Guid? CoupleId, string? Action,
    DateTimeOffset? From, DateTimeOffset? To) : IRequest<Paged<AuditEventDto>>, IPagedRequest;

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
    public async Task<Paged<AuditEventDto>> Handle(ListAuditEventsQuery query, CancellationToken ct)
    {
        var events = Filter(db.AuditEvents, query);
        var page = await events.OrderByDescending(e => e.Id)
            .Select(e => new AuditEventDto(e.Id, e.OccurredAt, e.UserId, e.Role, e.Action, e.ResourceType, e.ResourceId,
                e.CoupleId, e.ClientAddress, e.Outcome, e.Detail))
            .ToPagedAsync(query, ct);
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
        if (query.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (query.To is { } to) events = events.Where(e => e.OccurredAt <= to);
        return events;
    }
}
