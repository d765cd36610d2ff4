using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record WeekProgressDto(DateOnly From, DateOnly To, int Entries, int Target, double Expected, double? Ratio);

/// <param name="NoteToClients">What the therapist wrote for the couple with the assignment; therapist-only notes never reach the portal.</param>
public sealed record PortalAssignmentDto(Guid Id, string ExerciseCode, int ExerciseVersion, string Title, ExerciseFamily Family,
    ExerciseInstructions Instructions, IReadOnlyList<EntryRole> Roles, IReadOnlyList<FieldDefinition> Fields, Assignee AssignedTo,
    DateOnly StartsOn, DateOnly DueOn, int TargetPerWeek, string NoteToClients, AssignmentStatus Status, bool AcceptsEntriesToday,
    WeekProgressDto ThisWeek);

/// <param name="AuthorFirstName">Mine: my first name. My partner's: "Your partner" — the portal never carries their profile.</param>
public sealed record PortalEntryDto(Guid Id, Guid AssignmentId, Guid AuthorPartnerId, string AuthorFirstName, bool Mine,
    DateOnly OccurredOn, EntryRole? Role, EntryVisibility Visibility, IReadOnlyDictionary<string, JsonElement> Fields,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? EditableUntil, bool Withdrawn);

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
        var items = page.Items.Select(a => PortalViews.Assignment(a, catalogue.Get(a.ExerciseCode, a.ExerciseVersion), me,
            mine[a.Id], today)).ToList();
        audit.Record("portal.homework.list", "homework", null, couple.Id);
        await db.SaveChangesAsync(ct);
        return new Paged<PortalAssignmentDto>(items, page.Page, page.PageSize, page.Total);
    }
}

public sealed record ListPortalEntriesQuery(Guid AssignmentId) : IRequest<IReadOnlyList<PortalEntryDto>>;

internal sealed class ListPortalEntriesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListPortalEntriesQuery, IReadOnlyList<PortalEntryDto>>
{
    public async Task<IReadOnlyList<PortalEntryDto>> Handle(ListPortalEntriesQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var assignment = await db.MyAssignmentAsync(me, query.AssignmentId, ct);
        // The partner's private and withdrawn entries never leave the database for this caller.
        var entries = await db.HomeworkEntries
            .Where(e => e.AssignmentId == assignment.Id
                && (e.AuthorPartnerId == me.Id || (e.Visibility == EntryVisibility.Shared && e.WithdrawnAt == null)))
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.CreatedAt)
            .ToListAsync(ct);
        audit.Record("portal.homework.entries.read", "homework", assignment.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return entries.Select(e => PortalViews.Entry(e, me)).ToList();
    }
}

internal static class PortalViews
{
    public static IQueryable<HomeworkAssignment> AssignedTo(this IQueryable<HomeworkAssignment> assignments, Partner me)
    {
        var own = me.Label == PartnerLabel.PartnerA ? Assignee.PartnerA : Assignee.PartnerB;
        return assignments.Where(a => a.CoupleId == me.CoupleId && (a.AssignedTo == Assignee.Both || a.AssignedTo == own));
    }

    /// <summary>
    /// Another couple's homework, or the partner's own, is simply not there for this caller. The
    /// 404 does not echo the id, so it reads the same whichever id was probed.
    /// </summary>
    public static async Task<HomeworkAssignment> MyAssignmentAsync(this ClinicDbContext db, Partner me, Guid id, CancellationToken ct) =>
        await db.HomeworkAssignments.AssignedTo(me).SingleOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new NotFoundException("homework");

    public static PortalAssignmentDto Assignment(HomeworkAssignment a, ExerciseDefinition exercise, Partner me,
        IEnumerable<HomeworkEntry> myEntries, DateOnly today)
    {
        var week = Adherence.Weekly(a.TargetPerWeek, HomeworkMetrics.Facts(myEntries), [Adherence.WeekStart(today)], [me.Id],
            a.StartsOn, a.ActiveUntil(today)).Single();
        return new PortalAssignmentDto(a.Id, a.ExerciseCode, a.ExerciseVersion, exercise.Title, exercise.Family,
            exercise.Instructions, exercise.Roles, exercise.Fields, a.AssignedTo, a.StartsOn, a.DueOn, a.TargetPerWeek, a.Note,
            a.Status, a.RefuseEntry(me.Label, today, today) is null,
            new WeekProgressDto(week.From, week.To, week.Entries, a.TargetPerWeek, Math.Round(week.Expected, 3),
                week.Ratio is { } r ? Math.Round(r, 3) : null));
    }

    public const string PartnerAuthorName = "Your partner";

    public static PortalEntryDto Entry(HomeworkEntry e, Partner me)
    {
        var mine = e.AuthorPartnerId == me.Id;
        return new PortalEntryDto(e.Id, e.AssignmentId, e.AuthorPartnerId, mine ? me.FirstName : PartnerAuthorName, mine, e.OccurredOn, e.Role,
            e.Visibility, EntryFields.ToElements(e.Fields), e.CreatedAt, e.UpdatedAt,
            mine && !e.IsWithdrawn ? e.EditableUntil : null, e.IsWithdrawn);
    }
}
