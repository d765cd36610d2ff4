using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

/// <summary>Omitted properties stay as they are; <c>fields</c>, when sent, replaces all the answers.</summary>
public sealed record ReviseEntryCommand(DateOnly? OccurredOn, EntryVisibility? Visibility, Dictionary<string, JsonElement>? Fields)
    : IRequest<PortalEntryDto>
{
    internal Guid Id { get; init; }
}

public sealed class ReviseEntryValidator : AbstractValidator<ReviseEntryCommand>
{
    public ReviseEntryValidator() =>
        RuleFor(c => c).Must(c => c.OccurredOn is not null || c.Visibility is not null || c.Fields is not null)
            .WithName("fields").WithMessage("Send what to change: occurredOn, visibility or fields.");
}

internal sealed class ReviseEntryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, ExerciseCatalogue catalogue,
    TimeProvider clock, PracticeCalendar calendar) : IRequestHandler<ReviseEntryCommand, PortalEntryDto>
{
    public async Task<PortalEntryDto> Handle(ReviseEntryCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var entry = await db.MyEntryAsync(me, command.Id, ct);
        var now = clock.GetUtcNow();
        entry.EnsureChangeable(now);
        var assignment = await db.HomeworkAssignments.SingleAsync(a => a.Id == entry.AssignmentId, ct);

        var errors = new Dictionary<string, string[]>();
        var occurredOn = command.OccurredOn ?? entry.OccurredOn;
        if (command.OccurredOn is not null && assignment.RefuseDate(occurredOn, calendar.Today()) is { } refusal)
            errors["occurredOn"] = [refusal.Message];
        var fields = entry.Fields;
        if (command.Fields is not null)
        {
            var exercise = catalogue.Get(assignment.ExerciseCode, assignment.ExerciseVersion);
            var role = entry.Role is { } r ? EntryValidation.RoleCode(r) : null;
            var normalised = EntryValidation.Normalise(exercise, command.Fields, role);
            foreach (var (field, messages) in normalised.Errors) errors[field] = messages;
            if (normalised.Entry is not null) fields = EntryFields.ToJson(normalised.Entry.Values);
        }
        if (errors.Count > 0) throw new FieldValidationException(errors);

        entry.Revise(occurredOn, fields, command.Visibility ?? entry.Visibility, now);
        audit.Record("homework.entry.update", "homework_entry", entry.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return PortalHomeworkViews.Entry(entry, me);
    }
}
