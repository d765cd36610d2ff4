using Clinic.Api.Domain.Appointments;

namespace Clinic.Api.Features.Appointments;

/// <param name="StartsAt">Local date-time in <paramref name="TimeZone"/>, as booked ("2026-10-28T17:00:00").</param>
/// <param name="StartsAtUtc">The same instant in UTC.</param>
/// <param name="SessionId">The session recorded from this appointment once it was held.</param>
public sealed record AppointmentDto(Guid Id, Guid CoupleId, string CoupleDisplayName, DateTime StartsAt, DateTime EndsAt,
    DateTimeOffset StartsAtUtc, string TimeZone, int DurationMinutes, Attendees Attendees, AppointmentFormat Format,
    string? VideoLink, AppointmentStatus Status, string NoteToClients, Guid? SessionId, uint Version, DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt);

/// <summary>What a partner sees of an appointment they attend: when, how, and the note meant for them.</summary>
/// <param name="ChangeableUntil">Until then the partner may move it or cancel it from the portal; a cancellation after it is
/// recorded as late (the therapist's cancellation window).</param>
public sealed record PortalAppointmentDto(Guid Id, DateTime StartsAt, DateTime EndsAt, DateTimeOffset StartsAtUtc, string TimeZone,
    int DurationMinutes, Attendees Attendees, AppointmentFormat Format, string? VideoLink, AppointmentStatus Status,
    string NoteToClients, DateTimeOffset ChangeableUntil);

/// <summary>The session form, prefilled from a held appointment: the therapist adds the stage, cycle and note.</summary>
public sealed record SessionDraftDto(Guid AppointmentId, Guid CoupleId, DateOnly Date, TimeOnly StartTime, int DurationMinutes,
    Domain.Sessions.SessionFormat Format, Domain.Sessions.Attendance Attendance, Guid? SessionId);

internal static class AppointmentViews
{
    public static TimeZoneInfo ZoneOf(Appointment a) => TimeZoneInfo.TryFindSystemTimeZoneById(a.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static AppointmentDto Dto(Appointment a, string coupleDisplayName, Guid? sessionId)
    {
        var zone = ZoneOf(a);
        return new AppointmentDto(a.Id, a.CoupleId, coupleDisplayName, WallClock.ToLocal(a.StartsAt, zone), WallClock.ToLocal(a.EndsAt, zone),
            a.StartsAt, a.TimeZone, a.DurationMinutes, a.Attendees, a.Format, a.VideoLink, a.Status, a.NoteToClients, sessionId,
            a.Version, a.CreatedAt, a.ChangedAt);
    }

    public static PortalAppointmentDto Portal(Appointment a, DateTimeOffset changeableUntil)
    {
        var zone = ZoneOf(a);
        return new PortalAppointmentDto(a.Id, WallClock.ToLocal(a.StartsAt, zone), WallClock.ToLocal(a.EndsAt, zone), a.StartsAt,
            a.TimeZone, a.DurationMinutes, a.Attendees, a.Format, a.VideoLink, a.Status, a.NoteToClients, changeableUntil);
    }
}
