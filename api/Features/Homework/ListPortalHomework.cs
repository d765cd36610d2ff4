using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record ListPortalHomeworkQuery(int? Page, int? PageSize) : IRequest<Paged<PortalAssignmentDto>>, IPagedRequest;

public sealed class ListPortalHomeworkValidator : AbstractValidator<ListPortalHomeworkQuery>
{
    public ListPortalHomeworkValidator() => this.AddPagingRules();
}

internal sealed class ListPortalHomeworkHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, ExerciseCatalogue catalogue,
    PracticeCalendar calendar) : IRequestHandler<ListPortalHomeworkQuery, Paged<PortalAssignmentDto>>
{
    public async Task<Paged<PortalAssignmentDto>> Handle(ListPortalHomeworkQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var page = await db.HomeworkAssignments.AssignedTo(me)
            .OrderBy(a => a.Status == AssignmentStatus.Active ? 0 : 1).ThenBy(a => a.DueOn).ThenBy(a => a.Id)
            .ToPagedAsync(query, ct);
        var ids = page.Items.Select(a => a.Id).ToList();
        var mine = (await db.HomeworkEntries.Where(e => ids.Contains(e.AssignmentId) && e.AuthorPartnerId == me.Id).ToListAsync(ct))
            .ToLookup(e => e.AssignmentId);
        var today = calendar.Today();
        var items = page.Items.Select(a => PortalHomeworkViews.Assignment(a, catalogue.Get(a.ExerciseCode, a.ExerciseVersion), me,
            mine[a.Id], today)).ToList();
        audit.Record("portal.homework.list", "homework", null, couple.Id);
        await db.SaveChangesAsync(ct);
        return new Paged<PortalAssignmentDto>(items, page.Page, page.PageSize, page.Total);
    }
}
