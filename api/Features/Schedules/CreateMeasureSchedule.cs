using Clinic.Api.Data;
using Clinic.Api.Domain;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Schedules;

/// <param name="Until">The last day a request may fall on; give this or <paramref name="Count"/>.</param>
/// <param name="Count">How many requests in all; give this or <paramref name="Until"/>.</param>
public sealed record CreateMeasureScheduleCommand(Guid? PartnerId, string? Instrument, int? EveryWeeks, DateOnly? StartsOn,
    DateOnly? Until, int? Count) : IRequest<MeasureScheduleDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class CreateMeasureScheduleValidator : AbstractValidator<CreateMeasureScheduleCommand>
{
    /// <summary>A schedule may run at most this far ahead: long enough for any course of therapy, short enough to be reviewed.</summary>
    public const int MaxYears = 5;

    public CreateMeasureScheduleValidator(PracticeCalendar calendar)
    {
        RuleFor(c => c.PartnerId).NotNull();
        RuleFor(c => c.Instrument).NotEmpty().MaximumLength(40);
        RuleFor(c => c.EveryWeeks).NotNull().InclusiveBetween(1, MeasureSchedule.MaxEveryWeeks);
        RuleFor(c => c.StartsOn).NotNull();
        // The practice's date: a schedule cannot owe requests for days already gone.
        RuleFor(c => c.StartsOn).Must(d => d!.Value >= calendar.Today()).When(c => c.StartsOn is not null)
            .WithMessage("A schedule cannot start in the past.");
        RuleFor(c => c.Until).NotNull().When(c => c.Count is null)
            .WithMessage("Say when the schedule ends: until (a date) or count (a number of requests).");
        RuleFor(c => c.Count).Null().When(c => c.Until is not null).WithMessage("Give until or count, not both.");
        RuleFor(c => c.Count).InclusiveBetween(1, MeasureSchedule.MaxOccurrences).When(c => c.Count is not null);
        RuleFor(c => c.Until).GreaterThanOrEqualTo(c => c.StartsOn).When(c => c.Until is not null && c.StartsOn is not null)
            .WithMessage("The end date cannot be before the start date.");
        RuleFor(c => c.Until).Must((c, until) => until!.Value <= c.StartsOn!.Value.AddYears(MaxYears))
            .When(c => c.Until is not null && c.StartsOn is not null)
            .WithMessage($"A schedule can run for at most {MaxYears} years.");
    }
}

/// <summary>
/// Schedules an instrument for one partner. A schedule starting today asks for its first answer at
/// once; later ones are made by the background round (<see cref="ScheduledRequests"/>). A partner has
/// one running schedule per instrument: one that has run its course is ended to make room.
/// </summary>
internal sealed class CreateMeasureScheduleHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, InstrumentCatalogue catalogue,
    ScheduledRequests requests, PracticeCalendar calendar, TimeProvider clock) : IRequestHandler<CreateMeasureScheduleCommand, MeasureScheduleDto>
{
    public async Task<MeasureScheduleDto> Handle(CreateMeasureScheduleCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var partnerId = couple.PartnerById(command.PartnerId).Id;
        var instrument = catalogue.Latest(command.Instrument) ?? throw DomainRuleException.Invalid("instrument",
            "Unknown instrument. Use one of: " + string.Join(", ", catalogue.All.Select(i => i.Code).Distinct()) + ".");
        couple.EnsureOpen();

        var today = calendar.Today();
        var now = clock.GetUtcNow();
        var existing = await db.MeasureSchedules.AsTracking()
            .SingleOrDefaultAsync(s => s.PartnerId == partnerId && s.Instrument == instrument.Code && s.StoppedAt == null, ct);
        if (existing is not null)
        {
            if (existing.IsRunning(today))
                throw DomainRuleException.Conflict($"This partner already has a running {instrument.Code} schedule; stop it first to change it.");
            // Ended first, on its own: the one-running-schedule index is checked row by row.
            existing.Stop(user.Id, now);
            audit.Record("measure_schedule.stop", "measure_schedule", existing.Id, couple.Id, detail: "ran its course");
            await db.SaveChangesAsync(ct);
        }

        var schedule = MeasureSchedule.Start(couple.Id, partnerId, instrument.Code, command.EveryWeeks!.Value, command.StartsOn!.Value,
            command.Until, command.Count, user.Id, now);
        db.MeasureSchedules.Add(schedule);
        audit.Record("measure_schedule.create", "measure_schedule", schedule.Id, couple.Id);
        var made = new List<QuestionnaireRequest>();
        if (schedule.LatestDueOn(today) is { } due) made.Add(await requests.AddOccurrenceAsync(schedule, due, ct));
        await db.SaveChangesAsync(ct);
        return MeasureScheduleDto.From(schedule, today, made);
    }
}
