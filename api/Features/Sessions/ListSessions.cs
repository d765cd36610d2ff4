using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Supervision;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

public sealed record ListSessionsQuery(Guid CoupleId, int? Page, int? PageSize) : IRequest<Paged<SessionSummaryDto>>, IPagedRequest;

public sealed class ListSessionsValidator : AbstractValidator<ListSessionsQuery>
{
    public ListSessionsValidator() => this.AddPagingRules();
}

internal sealed class ListSessionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListSessionsQuery, Paged<SessionSummaryDto>>
{
    public async Task<Paged<SessionSummaryDto>> Handle(ListSessionsQuery query, CancellationToken ct)
    {
        var access = await db.EnsureReadableCoupleAsync(user, calendar.Today(), query.CoupleId, ct);
        var page = await db.Sessions.Where(s => s.CoupleId == query.CoupleId)
            // Newest first: page 1 holds the sessions a therapist opens next, however long the work has run.
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.StartTime).ThenBy(s => s.Id)
            .Select(SessionViews.Summary)
            .ToPagedAsync(query, ct);
        audit.Record("session.list", "session", null, query.CoupleId, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return page;
    }
}
