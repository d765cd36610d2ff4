using Clinic.Api.Data;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Booking;

/// <param name="Weekly">Working hours per day of the week, in <paramref name="TimeZone"/>; a day may have several ranges.</param>
/// <param name="Exceptions">Dates whose hours differ from the week's (an empty list of hours: not working that day).</param>
/// <param name="TimeOff">Days away, from and to inclusive.</param>
/// <param name="BufferMinutes">Kept free before and after each appointment when clients book (0–60).</param>
/// <param name="HorizonDays">How far ahead clients may book (1–90 days).</param>
/// <param name="MinNoticeHours">How soon clients may book (2–168 hours from now).</param>
/// <param name="AutoApprove">A time every attending partner agreed to is booked at once; otherwise it waits for approval.</param>
/// <param name="CancellationWindowHours">A client's cancellation this close to the appointment is recorded as late (0–168, default 24).</param>
/// <param name="TimeZone">The practice's zone (read-only here: an admin setting).</param>
/// <param name="Version">Null until the first save; send it back with the update.</param>
public sealed record AvailabilityDto(IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<DateHours> Exceptions,
    IReadOnlyList<TimeOffPeriod> TimeOff, int BufferMinutes, int HorizonDays, int MinNoticeHours, int JointMinutes, int IndividualMinutes,
    bool AutoApprove, int CancellationWindowHours, string TimeZone, DateTimeOffset? UpdatedAt, uint? Version);

internal static class AvailabilityViews
{
    public static AvailabilityDto Dto(Availability a, string zone, bool stored) => new(a.Weekly, a.Exceptions, a.TimeOff, a.BufferMinutes,
        a.HorizonDays, a.MinNoticeHours, a.JointMinutes, a.IndividualMinutes, a.AutoApprove, a.CancellationWindowHours, zone, a.UpdatedAt,
        stored ? a.Version : null);
}

public sealed record GetMyAvailabilityQuery : IRequest<AvailabilityDto>;

internal sealed class GetMyAvailabilityHandler(ClinicDbContext db, ICurrentUser user, PracticeCalendar calendar)
    : IRequestHandler<GetMyAvailabilityQuery, AvailabilityDto>
{
    public async Task<AvailabilityDto> Handle(GetMyAvailabilityQuery query, CancellationToken ct)
    {
        var stored = await db.Availabilities.SingleOrDefaultAsync(a => a.TherapistId == user.Id, ct);
        return AvailabilityViews.Dto(stored ?? Availability.For(user.Id), calendar.Zone.Id, stored is not null);
    }
}

public sealed record WeeklyHoursInput(DayOfWeek? Day, TimeOnly? Start, TimeOnly? End);
public sealed record HoursRangeInput(TimeOnly? Start, TimeOnly? End);
public sealed record DateHoursInput(DateOnly? Date, IReadOnlyList<HoursRangeInput>? Hours);
public sealed record TimeOffInput(DateOnly? From, DateOnly? To, string? Note);

/// <param name="TimeZone">Ignored when it is the practice's zone (a GET's body can be sent back); the zone is an admin setting.</param>
/// <param name="UpdatedAt">Ignored (read-only).</param>
public sealed record UpdateMyAvailabilityCommand(uint? Version, IReadOnlyList<WeeklyHoursInput>? Weekly,
    IReadOnlyList<DateHoursInput>? Exceptions, IReadOnlyList<TimeOffInput>? TimeOff, int? BufferMinutes, int? HorizonDays,
    int? MinNoticeHours, int? JointMinutes, int? IndividualMinutes, bool? AutoApprove, int? CancellationWindowHours, string? TimeZone,
    DateTimeOffset? UpdatedAt) : IRequest<AvailabilityDto>;

public sealed class UpdateMyAvailabilityValidator : AbstractValidator<UpdateMyAvailabilityCommand>
{
    public UpdateMyAvailabilityValidator()
    {
        RuleFor(c => c.Weekly).NotNull();
        RuleFor(c => c.Exceptions).NotNull();
        RuleFor(c => c.TimeOff).NotNull();
        RuleForEach(c => c.Weekly).ChildRules(w =>
        {
            w.RuleFor(x => x.Day).NotNull().WithMessage("Say which day: monday to sunday.");
            w.RuleFor(x => x.Start).NotNull();
            w.RuleFor(x => x.End).NotNull();
        });
        RuleForEach(c => c.Exceptions).ChildRules(e =>
        {
            e.RuleFor(x => x.Date).Cascade(CascadeMode.Stop).NotNull().Must(d => d!.Value.Year is >= 2000 and <= 2200).WithMessage("Give a date (2026-12-24).");
            e.RuleFor(x => x.Hours).NotNull().WithMessage("Give the day's hours; an empty list means not working that day.");
            e.RuleForEach(x => x.Hours).ChildRules(h =>
            {
                h.RuleFor(x => x!.Start).NotNull();
                h.RuleFor(x => x!.End).NotNull();
            });
        });
        RuleForEach(c => c.TimeOff).ChildRules(t =>
        {
            t.RuleFor(x => x.From).Cascade(CascadeMode.Stop).NotNull().Must(d => d!.Value.Year is >= 2000 and <= 2200).WithMessage("Give a date (2026-12-24).");
            t.RuleFor(x => x.To).Cascade(CascadeMode.Stop).NotNull().Must(d => d!.Value.Year is >= 2000 and <= 2200).WithMessage("Give a date (2026-12-31).");
            t.RuleFor(x => x.Note).MaximumLength(Availability.MaxNoteLength).Must(NoControlCharacters)
                .WithMessage("The note has characters that cannot be stored.");
        });
        RuleFor(c => c.BufferMinutes).NotNull();
        RuleFor(c => c.HorizonDays).NotNull();
        RuleFor(c => c.MinNoticeHours).NotNull();
        RuleFor(c => c.JointMinutes).NotNull();
        RuleFor(c => c.IndividualMinutes).NotNull();
        RuleFor(c => c.AutoApprove).NotNull();
        RuleFor(c => c.CancellationWindowHours).NotNull();
    }

    private static bool NoControlCharacters(string? s) => s is null || !s.Any(char.IsControl);
}

/// <summary>A therapist sets their own hours and booking rules; the first save creates them (version null), later ones send the version read.</summary>
internal sealed class UpdateMyAvailabilityHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar) : IRequestHandler<UpdateMyAvailabilityCommand, AvailabilityDto>
{
    public async Task<AvailabilityDto> Handle(UpdateMyAvailabilityCommand c, CancellationToken ct)
    {
        if (c.TimeZone is { } zone && zone != calendar.Zone.Id)
            throw new FieldValidationException("timeZone", "The time zone is the practice's: an admin changes it in the practice settings.");
        var settings = new AvailabilitySettings(
            c.Weekly!.Select(w => new WeeklyHours(w.Day!.Value, w.Start!.Value, w.End!.Value)).ToList(),
            c.Exceptions!.Select(e => new DateHours(e.Date!.Value, e.Hours!.Select(h => new HoursRange(h.Start!.Value, h.End!.Value)).ToList())).ToList(),
            c.TimeOff!.Select(t => new TimeOffPeriod(t.From!.Value, t.To!.Value, t.Note)).ToList(),
            c.BufferMinutes!.Value, c.HorizonDays!.Value, c.MinNoticeHours!.Value, c.JointMinutes!.Value, c.IndividualMinutes!.Value,
            c.AutoApprove!.Value, c.CancellationWindowHours!.Value);
        var now = clock.GetUtcNow();
        var availability = await db.Availabilities.AsTracking().SingleOrDefaultAsync(a => a.TherapistId == user.Id, ct);
        if (availability is null)
        {
            if (c.Version is not null) throw Concurrency.Stale("availability");
            availability = Availability.Create(user.Id, settings, now);
            db.Availabilities.Add(availability);
        }
        else
        {
            db.ExpectVersion(availability, c.Version, "availability");
            availability.Set(settings, now);
        }
        audit.Record("availability.update", "availability", user.Id, null);
        await db.SaveChangesAsync(ct);
        return AvailabilityViews.Dto(availability, calendar.Zone.Id, stored: true);
    }
}
