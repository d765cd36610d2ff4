using Clinic.Api.Domain.Appointments;
using Clinic.Api.Infrastructure.Time;

namespace Clinic.Api.Features.Appointments;

/// <param name="StartsAt">Local date-time in <paramref name="TimeZone"/>, as booked ("2026-10-28T17:00:00").</param>
/// <param name="StartsAtUtc">The same instant in UTC.</param>
/// <param name="SessionId">The session recorded from this appointment once it was held.</param>
/// <param name="CanBeHeldToday">Whether holding it (recording its session) succeeds on the practice's today: booked or held, and its
/// day has come (<see cref="Appointment.CanBeHeldOn"/>). The screen offers "Record session" by it rather than re-deriving it.</param>
public sealed record AppointmentDto(Guid Id, Guid CoupleId, string CoupleDisplayName, DateTime StartsAt, DateTime EndsAt,
    DateTimeOffset StartsAtUtc, string TimeZone, int DurationMinutes, Attendees Attendees, AppointmentFormat Format,
    string? VideoLink, AppointmentStatus Status, string NoteToClients, Guid? SessionId, uint Version, DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt, bool CanBeHeldToday);

/// <summary>What a partner sees of an appointment they attend: when, how, and the note meant for them.</summary>
/// <param name="ChangeableUntil">Until then the partner may move it or cancel it from the portal; a cancellation after it is
/// recorded as late (the therapist's cancellation window).</param>
/// <param name="IsNext">The partner's next appointment (<see cref="Appointment.UpcomingAfter"/>: booked, starting after now): "Your next session"
/// is this one, and at most one appointment in a list carries it.</param>
public sealed record PortalAppointmentDto(Guid Id, DateTime StartsAt, DateTime EndsAt, DateTimeOffset StartsAtUtc, string TimeZone,
    int DurationMinutes, Attendees Attendees, AppointmentFormat Format, string? VideoLink, AppointmentStatus Status,
    string NoteToClients, DateTimeOffset ChangeableUntil, bool IsNext);

/// <summary>The session form, prefilled from a held appointment: the therapist adds the stage, cycle and note.</summary>
public sealed record SessionDraftDto(Guid AppointmentId, Guid CoupleId, DateOnly Date, TimeOnly StartTime, int DurationMinutes,
    Domain.Sessions.SessionFormat Format, Domain.Sessions.Attendance Attendance, Guid? SessionId);

internal static class AppointmentViews
{
    public static TimeZoneInfo ZoneOf(Appointment a) => TimeZoneInfo.TryFindSystemTimeZoneById(a.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static AppointmentDto Dto(Appointment a, string coupleDisplayName, Guid? sessionId, PracticeCalendar calendar)
    {
        var zone = ZoneOf(a);
        return new AppointmentDto(a.Id, a.CoupleId, coupleDisplayName, WallClock.ToLocal(a.StartsAt, zone), WallClock.ToLocal(a.EndsAt, zone),
            a.StartsAt, a.TimeZone, a.DurationMinutes, a.Attendees, a.Format, a.VideoLink, a.Status, a.NoteToClients, sessionId,
            a.Version, a.CreatedAt, a.ChangedAt, a.CanBeHeldOn(calendar.Today(), calendar.Zone));
    }

    public static PortalAppointmentDto Portal(Appointment a, DateTimeOffset changeableUntil, bool isNext)
    {
        var zone = ZoneOf(a);
        return new PortalAppointmentDto(a.Id, WallClock.ToLocal(a.StartsAt, zone), WallClock.ToLocal(a.EndsAt, zone), a.StartsAt,
            a.TimeZone, a.DurationMinutes, a.Attendees, a.Format, a.VideoLink, a.Status, a.NoteToClients, changeableUntil, isNext);
    }
}
