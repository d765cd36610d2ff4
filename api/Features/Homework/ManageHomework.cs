using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
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
        var items = page.Items.Select(a => HomeworkViews.Assignment(a, catalogue.Get(a.ExerciseCode, a.ExerciseVersion),
            entries[a.Id].ToList(), couple.Partners, today)).ToList();
        audit.Record("homework.list", "homework", null, couple.Id);
        await db.SaveChangesAsync(ct);
        return new Paged<AssignmentDto>(items, page.Page, page.PageSize, page.Total);
    }
}

public sealed record UpdateHomeworkCommand(uint? Version, AssignmentStatus? Status, string? Note) : IRequest<AssignmentDto>
{
    internal Guid Id { get; init; }
}

public sealed class UpdateHomeworkValidator : AbstractValidator<UpdateHomeworkCommand>
{
    public UpdateHomeworkValidator()
    {
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version you read, so a stale write can be detected.");
        RuleFor(c => c.Status).NotEqual(AssignmentStatus.Active)
            .WithMessage("Homework is closed as completed or cancelled; it cannot be reopened.");
        RuleFor(c => c.Note).MaximumLength(HomeworkAssignment.MaxNoteLength);
        RuleFor(c => c).Must(c => c.Status is not null || c.Note is not null).WithName("status")
            .WithMessage("Send a status (completed or cancelled) or a note.");
    }
}

internal sealed class UpdateHomeworkHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, ExerciseCatalogue catalogue,
    PracticeCalendar calendar) : IRequestHandler<UpdateHomeworkCommand, AssignmentDto>
{
    public async Task<AssignmentDto> Handle(UpdateHomeworkCommand command, CancellationToken ct)
    {
        var assignment = await db.OwnedAssignmentAsync(user, command.Id, ct, tracking: true);
        if (assignment.Version != command.Version)
            throw new ConflictException("This homework was changed since you read it. Reload to see the latest version, then try again.");
        db.Entry(assignment).Property(a => a.Version).OriginalValue = command.Version!.Value;
        if (!assignment.IsActive)
            throw new ConflictException($"This homework is already {Data.SnakeCaseEnumConverter<AssignmentStatus>.ToWire(assignment.Status)}; it can no longer be changed.");

        if (command.Note is not null) assignment.Annotate(command.Note);
        if (command.Status is { } status) assignment.Close(status);
        audit.Record(command.Status switch
        {
            AssignmentStatus.Completed => "homework.complete",
            AssignmentStatus.Cancelled => "homework.cancel",
            _ => "homework.update",
        }, "homework", assignment.Id, assignment.CoupleId);
        await db.SaveChangesAsync(ct);

        var couple = await db.OwnedCoupleAsync(user, assignment.CoupleId, ct);
        var entries = await db.HomeworkEntries.Where(e => e.AssignmentId == assignment.Id).ToListAsync(ct);
        return HomeworkViews.Assignment(assignment, catalogue.Get(assignment.ExerciseCode, assignment.ExerciseVersion),
            entries, couple.Partners, calendar.Today());
    }
}

public sealed record ReadAssignmentEntriesQuery(Guid Id) : IRequest<AssignmentEntriesDto>;

internal sealed class ReadAssignmentEntriesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ReadAssignmentEntriesQuery, AssignmentEntriesDto>
{
    public async Task<AssignmentEntriesDto> Handle(ReadAssignmentEntriesQuery query, CancellationToken ct)
    {
        var assignment = await db.OwnedAssignmentAsync(user, query.Id, ct);
        var labels = await db.Partners.Where(p => p.CoupleId == assignment.CoupleId).ToDictionaryAsync(p => p.Id, p => p.Label, ct);
        var entries = await db.HomeworkEntries.Where(e => e.AssignmentId == assignment.Id)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.CreatedAt).ToListAsync(ct);

        var joint = assignment.IsJoint ? new HashSet<Guid> { assignment.Id } : [];
        var pairing = EntryPairing.Pair(HomeworkMetrics.Facts(entries), joint);
        var result = new AssignmentEntriesDto(assignment.Id, assignment.ExerciseCode, assignment.AssignedTo,
            entries.Select(e => new TherapistEntryDto(e.Id, e.AuthorPartnerId, labels[e.AuthorPartnerId], e.OccurredOn, e.Role,
                e.Visibility, EntryFields.ToElements(e.Fields), e.CreatedAt, e.UpdatedAt, e.IsWithdrawn, e.WithdrawnAt)).ToList(),
            pairing.Pairs.Select(p => new EntryPairDto(p.Needing.OccurredOn, p.Needing.EntryId, p.Supporting.EntryId)).ToList(),
            pairing.Gaps.Select(g => new PerceptionGapDto(g.Kind, g.Needing.OccurredOn, g.Needing.EntryId, g.Supporting?.EntryId)).ToList());
        audit.Record("homework.entries.read", "homework", assignment.Id, assignment.CoupleId);
        await db.SaveChangesAsync(ct);
        return result;
    }
}
