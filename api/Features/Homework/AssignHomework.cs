using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record AssignHomeworkCommand(string? ExerciseCode, Assignee? AssignedTo, DateOnly? StartsOn, DateOnly? DueOn,
    int? TargetPerWeek, string? Note, Guid? SessionId, bool? ConfirmSafety = null) : IRequest<AssignmentDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class AssignHomeworkValidator : AbstractValidator<AssignHomeworkCommand>
{
    public AssignHomeworkValidator(ExerciseCatalogue catalogue)
    {
        RuleFor(c => c.ExerciseCode).NotEmpty()
            .Must(code => catalogue.LatestOf(code!) is not null)
            .WithMessage(_ => $"Unknown exercise. Choose one of: {string.Join(", ", catalogue.Latest.Select(e => e.Code))}.");
        RuleFor(c => c.AssignedTo).NotNull().WithMessage("Say who the homework is for: partner_a, partner_b or both.");
        RuleFor(c => c.StartsOn).NotNull();
        RuleFor(c => c.DueOn).NotNull();
        RuleFor(c => c.DueOn).GreaterThanOrEqualTo(c => c.StartsOn)
            .When(c => c.StartsOn is not null && c.DueOn is not null)
            .WithMessage(HomeworkAssignment.DueBeforeStartMessage);
        RuleFor(c => c.TargetPerWeek).NotNull()
            .InclusiveBetween(HomeworkAssignment.MinTargetPerWeek, HomeworkAssignment.MaxTargetPerWeek)
            .WithMessage(HomeworkAssignment.TargetPerWeekMessage);
        RuleFor(c => c.Note).MaximumLength(HomeworkAssignment.MaxNoteLength);
    }
}

internal sealed class AssignHomeworkHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, ExerciseCatalogue catalogue,
    TimeProvider clock, PracticeCalendar calendar, PortalNews news, HomeworkNudges nudges) : IRequestHandler<AssignHomeworkCommand, AssignmentDto>
{
    public async Task<AssignmentDto> Handle(AssignHomeworkCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        if (command.SessionId is { } sessionId && !await db.Sessions.AnyAsync(s => s.Id == sessionId && s.CoupleId == couple.Id, ct))
            throw new FieldValidationException("sessionId", "No session of this couple has this id.");

        // DESIGN §4a: joint homework while a partner may be unsafe goes ahead only on an audited confirmation.
        var confirmedPastGate = command.AssignedTo == Assignee.Both
            && await SafetyGate.RequireJointConfirmationAsync(db, couple.Id, command.ConfirmSafety == true, ct);

        var exercise = catalogue.LatestOf(command.ExerciseCode!)!;
        var assignment = HomeworkAssignment.Assign(couple.Id, new AssignmentDetails(exercise.Code, exercise.Version,
            command.AssignedTo!.Value, command.StartsOn!.Value, command.DueOn!.Value, command.TargetPerWeek!.Value,
            command.Note ?? "", command.SessionId), user.Id, clock.GetUtcNow());
        db.HomeworkAssignments.Add(assignment);
        foreach (var partner in couple.Partners.Where(p => assignment.IsAssignedTo(p.Label))) await news.TellAsync(partner, ct);
        nudges.Schedule(assignment, couple);
        audit.Record("homework.assign", "homework", assignment.Id, couple.Id);
        if (confirmedPastGate)
            audit.Record("homework.assign.safety_confirmed", "homework", assignment.Id, couple.Id,
                detail: "Joint homework assigned while a safety flag was open or joint sessions were paused.");
        await db.SaveChangesAsync(ct);
        var today = calendar.Today();
        var takingTurns = assignment.ExerciseCode == HomeworkMetrics.TakingTurnsCode
            ? await HomeworkMetrics.CoupleTakingTurnsAsync(db, couple.Id, today, ct) : [];
        return HomeworkViews.Assignment(assignment, exercise, [], couple.Partners, today, takingTurns);
    }
}
