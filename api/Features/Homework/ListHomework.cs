using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record ListHomeworkQuery(Guid CoupleId, int? Page, int? PageSize) : IRequest<Paged<AssignmentDto>>, IPagedRequest;

public sealed class ListHomeworkValidator : AbstractValidator<ListHomeworkQuery>
{
    public ListHomeworkValidator() => this.AddPagingRules();
}

internal sealed class ListHomeworkHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, ExerciseCatalogue catalogue,
    PracticeCalendar calendar) : IRequestHandler<ListHomeworkQuery, Paged<AssignmentDto>>
{
    public async Task<Paged<AssignmentDto>> Handle(ListHomeworkQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        // Active first, then the most recent; the id breaks ties so pages are stable.
        var page = await db.HomeworkAssignments.Where(a => a.CoupleId == couple.Id)
            .OrderBy(a => a.Status == AssignmentStatus.Active ? 0 : 1).ThenByDescending(a => a.StartsOn).ThenBy(a => a.Id)
            .ToPagedAsync(query, ct);
        var ids = page.Items.Select(a => a.Id).ToList();
        var entries = (await db.HomeworkEntries.Where(e => ids.Contains(e.AssignmentId)).ToListAsync(ct)).ToLookup(e => e.AssignmentId);
        var today = calendar.Today();
        var takingTurns = page.Items.Any(a => a.ExerciseCode == HomeworkMetrics.TakingTurnsCode)
            ? await HomeworkMetrics.CoupleTakingTurnsAsync(db, couple.Id, today, ct) : [];
        var items = page.Items.Select(a => HomeworkViews.Assignment(a, catalogue.Get(a.ExerciseCode, a.ExerciseVersion),
            entries[a.Id].ToList(), couple.Partners, today, takingTurns)).ToList();
        audit.Record("homework.list", "homework", null, couple.Id);
        await db.SaveChangesAsync(ct);
        return new Paged<AssignmentDto>(items, page.Page, page.PageSize, page.Total);
    }
}
