using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Booking;

/// <param name="StartsAt">Local date-time in the practice's zone ("2026-11-09T17:00:00").</param>
/// <param name="StartsAtUtc">The same instant in UTC: send it back as the request's startsAt (it tells apart the two 01:30s of an autumn night).</param>
public sealed record BookingSlotDto(DateTime StartsAt, DateTime EndsAt, DateTimeOffset StartsAtUtc);

/// <param name="Available">False when the partner cannot book these attendees themselves: <paramref name="Message"/> then says to contact the therapist.</param>
public sealed record BookingSlotsDto(DateOnly From, DateOnly To, string TimeZone, Attendees Attendees, int DurationMinutes, bool Available,
    string? Message, IReadOnlyList<BookingSlotDto> Slots);

/// <param name="From">First practice date (default today).</param>
/// <param name="To">Day after the last (default 14 days after from; at most 62 days).</param>
/// <param name="Attendees">both (the default), or the caller's own label: a partner asks only for times they attend.</param>
public sealed record ListBookingSlotsQuery(DateOnly? From, DateOnly? To, string? Attendees) : IRequest<BookingSlotsDto>
{
    internal Domain.Appointments.Attendees Who => Attendees is { } word && Data.SnakeCaseEnumConverter<Domain.Appointments.Attendees>.TryFromWire(word, out var who) ? who : Domain.Appointments.Attendees.Both;
}

public sealed class ListBookingSlotsValidator : AbstractValidator<ListBookingSlotsQuery>
{
    public const int MaxDays = 62;

    public ListBookingSlotsValidator()
    {
        RuleFor(q => q.Attendees).Must(a => Data.SnakeCaseEnumConverter<Attendees>.TryFromWire(a!, out _)).When(q => q.Attendees is not null)
            .WithMessage("Say who the time is for: both, or yourself (partner_a or partner_b).");
        RuleFor(q => q.From).Must(d => d!.Value.Year is >= 2000 and <= 2200).When(q => q.From is not null).WithMessage("Give a date (2026-11-09).");
        RuleFor(q => q.To).Must(d => d!.Value.Year is >= 2000 and <= 2200).When(q => q.To is not null).WithMessage("Give a date (2026-11-23).");
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'to' must be after 'from'.");
        RuleFor(q => q.To).Must((q, to) => to!.Value.DayNumber - q.From!.Value.DayNumber <= MaxDays)
            .When(q => q.From is not null && q.To is not null).WithMessage($"Ask for at most {MaxDays} days at a time.");
    }
}

/// <summary>
/// The free times a partner may ask for (DESIGN §16): the therapist's hours minus what is booked, the buffer, the notice
/// and the horizon, for both partners or the caller alone. While the couple may not book a joint time themselves (a safety
/// flag or a pause, the couple paused or closed, or no hours set) the answer is the one neutral <see cref="BookingDesk.ContactTherapistMessage"/>.
/// Not audited: free times say nothing about the couple.
/// </summary>
internal sealed class ListBookingSlotsHandler(ClinicDbContext db, ICurrentUser user, TimeProvider clock,
    PracticeCalendar calendar, BookingDesk desk) : IRequestHandler<ListBookingSlotsQuery, BookingSlotsDto>
{
    public async Task<BookingSlotsDto> Handle(ListBookingSlotsQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var attendees = query.Who;
        if (!Appointment.Attends(attendees, me.Label))
            throw new FieldValidationException("attendees", "Ask for times for both of you or for yourself.");
        var now = clock.GetUtcNow();
        var from = query.From ?? calendar.Today();
        var to = query.To ?? from.AddDays(14);
        var availability = await desk.AvailabilityOfAsync(couple.TherapistId, ct);
        var duration = availability.DurationFor(attendees == Attendees.Both);

        var open = couple.Status is CoupleStatus.Active or CoupleStatus.Intake && availability.HasHours
                   && !(attendees == Attendees.Both && await desk.JointBookingClosedAsync(couple.Id, ct));
        IReadOnlyList<BookingSlotDto> slots = [];
        if (open)
        {
            var start = WallClock.ToInstantOrAfter(from.ToDateTime(TimeOnly.MinValue), calendar.Zone, latest: false);
            var end = WallClock.ToInstantOrAfter(to.ToDateTime(TimeOnly.MinValue), calendar.Zone, latest: false);
            var busy = await desk.BusyAsync(couple.TherapistId, start, end, null, ct);
            slots = SlotFinder.Free(availability, calendar.Zone, from, to, duration, busy, now)
                .Select(t => new BookingSlotDto(WallClock.ToLocal(t, calendar.Zone), WallClock.ToLocal(t.AddMinutes(duration), calendar.Zone), t))
                .ToList();
        }
        return new BookingSlotsDto(from, to, calendar.Zone.Id, attendees, duration, open, open ? null : BookingDesk.ContactTherapistMessage, slots);
    }
}
