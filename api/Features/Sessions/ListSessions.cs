using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
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

/// <param name="Move">Only sessions that used this Tango move.</param>
/// <param name="Stage">Only sessions in this EFT stage.</param>
public sealed record ListSessionsQuery(Guid CoupleId, int? Page, int? PageSize, string? Move = null, int? Stage = null)
    : IRequest<Paged<SessionSummaryDto>>, IPagedRequest;

public sealed class ListSessionsValidator : AbstractValidator<ListSessionsQuery>
{
    public ListSessionsValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Move).Must(TangoMoves.IsMove).When(q => q.Move is not null).WithName("move")
            .WithMessage("Unknown Tango move. Use one of: " + string.Join(", ", TangoMoves.All) + ".");
        RuleFor(q => q.Stage).InclusiveBetween(1, 3).WithName("stage");
    }
}

internal sealed class ListSessionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListSessionsQuery, Paged<SessionSummaryDto>>
{
    public async Task<Paged<SessionSummaryDto>> Handle(ListSessionsQuery query, CancellationToken ct)
    {
        var access = await db.EnsureReadableCoupleAsync(user, calendar.Today(), query.CoupleId, ct);
        var sessions = query.Move is null ? db.Sessions
            // The moves are a jsonb array: containment finds a move by name (served by the GIN index).
            : db.Sessions.FromSql($"SELECT * FROM sessions WHERE tango_moves @> {TangoFilter(query.Move)}::jsonb");
        if (query.Stage is { } stage) sessions = sessions.Where(s => s.EftStage == stage);
        var page = await sessions.Where(s => s.CoupleId == query.CoupleId)
            // Newest first: page 1 holds the sessions a therapist opens next, however long the work has run.
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.StartTime).ThenBy(s => s.Id)
            .Select(SessionViews.Summary)
            .ToPagedAsync(query, ct);
        audit.Record("session.list", "session", null, query.CoupleId, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return new Paged<SessionSummaryDto>(page.Items.Select(r => r.ToSummary()).ToList(), page.Page, page.PageSize, page.Total);
    }

    private static string TangoFilter(string move) =>
        System.Text.Json.JsonSerializer.Serialize(new[] { new { move } });
}
