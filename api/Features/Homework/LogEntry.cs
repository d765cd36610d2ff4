using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Homework;

/// <param name="Role">A string, so a wrong word is reported against <c>role</c> in the exercise's terms.</param>
public sealed record LogEntryCommand(DateOnly? OccurredOn, string? Role, EntryVisibility? Visibility,
    Dictionary<string, JsonElement>? Fields) : IRequest<PortalEntryDto>
{
    internal Guid AssignmentId { get; init; }
}

public sealed class LogEntryValidator : AbstractValidator<LogEntryCommand>
{
    public LogEntryValidator()
    {
        RuleFor(c => c.OccurredOn).NotNull().WithMessage("Say which day this happened.");
        RuleFor(c => c.Visibility).NotNull().WithMessage("Choose private (only you and your therapist) or shared (your partner too).");
        RuleFor(c => c.Fields).NotNull().WithMessage("Send the answers to the exercise's questions.");
    }
}

internal sealed class LogEntryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, ExerciseCatalogue catalogue,
    TimeProvider clock, PracticeCalendar calendar) : IRequestHandler<LogEntryCommand, PortalEntryDto>
{
    public async Task<PortalEntryDto> Handle(LogEntryCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var assignment = await db.MyAssignmentAsync(me, command.AssignmentId, ct);
        couple.EnsureOpen();

        var errors = new Dictionary<string, string[]>();
        switch (assignment.RefuseEntry(me.Label, command.OccurredOn!.Value, calendar.Today()))
        {
            case { Kind: EntryRefusalKind.NotAssignedToPartner }: throw new NotFoundException("homework");
            case { Kind: EntryRefusalKind.NotActive or EntryRefusalKind.NotStarted } refusal: throw new ConflictException(refusal.Message);
            case { Kind: EntryRefusalKind.DateOutsideWindow } refusal: errors["occurredOn"] = [refusal.Message]; break;
        }
        var exercise = catalogue.Get(assignment.ExerciseCode, assignment.ExerciseVersion);
        var normalised = EntryValidation.Normalise(exercise, command.Fields!, command.Role);
        foreach (var (field, messages) in normalised.Errors) errors[field] = messages;
        if (errors.Count > 0) throw new FieldValidationException(errors);

        var entry = HomeworkEntry.Log(assignment.Id, me.Id, command.OccurredOn.Value, normalised.Entry!.Role,
            EntryFields.ToJson(normalised.Entry.Values), command.Visibility!.Value, clock.GetUtcNow());
        db.HomeworkEntries.Add(entry);
        audit.Record("homework.entry.create", "homework_entry", entry.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return PortalHomeworkViews.Entry(entry, me);
    }
}
