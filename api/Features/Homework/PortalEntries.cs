using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

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
        if (couple.IsClosed) throw new ConflictException("Your work with your therapist has ended, so homework no longer takes entries.");

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
        return PortalViews.Entry(entry, me);
    }
}

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
        if (entry.RefuseChange(now) is { } reason) throw new ConflictException(reason);
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
        return PortalViews.Entry(entry, me);
    }
}

public sealed record WithdrawEntryCommand(Guid Id) : IRequest<Unit>;

internal sealed class WithdrawEntryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<WithdrawEntryCommand, Unit>
{
    public async Task<Unit> Handle(WithdrawEntryCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var entry = await db.MyEntryAsync(me, command.Id, ct);
        var now = clock.GetUtcNow();
        if (entry.RefuseChange(now) is { } reason) throw new ConflictException(reason);
        entry.Withdraw(now);
        audit.Record("homework.entry.withdraw", "homework_entry", entry.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

internal static class EntryLoading
{
    /// <summary>Only the author may change an entry; to anyone else it is not there.</summary>
    public static async Task<HomeworkEntry> MyEntryAsync(this ClinicDbContext db, Partner me, Guid id, CancellationToken ct) =>
        await db.HomeworkEntries.AsTracking().SingleOrDefaultAsync(e => e.Id == id && e.AuthorPartnerId == me.Id, ct)
        ?? throw new NotFoundException("entry");
}
