using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record UpdateHomeworkCommand(uint? Version, AssignmentStatus? Status, string? Note) : IRequest<AssignmentDto>
{
    internal Guid Id { get; init; }
}

public sealed class UpdateHomeworkValidator : AbstractValidator<UpdateHomeworkCommand>
{
    public UpdateHomeworkValidator()
    {
        RuleFor(c => c.Version).VersionRead();
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
        db.ExpectVersion(assignment, command.Version, "homework");
        assignment.EnsureActive();

        if (command.Note is not null) assignment.Annotate(command.Note);
        if (command.Status is { } status) assignment.Close(status, calendar.Today());
        audit.Record(command.Status switch
        {
            AssignmentStatus.Completed => "homework.complete",
            AssignmentStatus.Cancelled => "homework.cancel",
            _ => "homework.update",
        }, "homework", assignment.Id, assignment.CoupleId);
        await db.SaveChangesAsync(ct);

        var couple = await db.OwnedCoupleAsync(user, assignment.CoupleId, ct);
        var entries = await db.HomeworkEntries.Where(e => e.AssignmentId == assignment.Id).ToListAsync(ct);
        var today = calendar.Today();
        var takingTurns = assignment.ExerciseCode == HomeworkMetrics.TakingTurnsCode
            ? await HomeworkMetrics.CoupleTakingTurnsAsync(db, couple.Id, today, ct) : [];
        return HomeworkViews.Assignment(assignment, catalogue.Get(assignment.ExerciseCode, assignment.ExerciseVersion),
            entries, couple.Partners, today, takingTurns);
    }
}
