using Clinic.Api.Domain.Appointments;
using Clinic.Api.Infrastructure.Email;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Clinic.Api.Features.Appointments;

/// <summary>
/// An appointment as an iCalendar file (RFC 5545, built with Ical.Net), for the email's attachment and
/// the portal's "Add to calendar". Local time with the zone's rules, so a calendar shows 17:00 on either
/// side of a daylight-saving change. It says when and how, and who runs the practice — nothing clinical.
/// </summary>
internal static class AppointmentCalendarFile
{
    public const string MediaType = "text/calendar";

    /// <param name="download">The portal's "Add to calendar" file: METHOD:PUBLISH (RFC 5546), an event to keep, not an invitation to answer.</param>
    /// <param name="attendee">The email's recipient, named as the invitation's ATTENDEE (a REQUEST or CANCEL names one).</param>
    /// <param name="forTherapist">The therapist's copy: the summary says it is a client appointment.</param>
    public static byte[] Build(Appointment a, EmailWriter writer, bool cancelled = false, bool download = false, string? attendee = null,
        bool forTherapist = false)
    {
        var zone = AppointmentViews.ZoneOf(a);
        var calendar = new Calendar
        {
            ProductId = "-//Clinic//Appointments//EN", Method = download ? "PUBLISH" : cancelled ? "CANCEL" : "REQUEST",
        };
        if (a.TimeZone != "UTC") calendar.AddTimeZone(a.TimeZone);
        // A link stored before links were checked for control characters is left out rather than written.
        var link = a.VideoLink is { } stored && Appointment.IsHttpsLink(stored) ? stored.Trim() : null;
        var start = WallClock.ToLocal(a.StartsAt, zone);
        var end = WallClock.ToLocal(a.EndsAt, zone);
        var evt = new CalendarEvent
        {
            Uid = $"{a.Id:D}@clinic",
            Sequence = a.Sequence,
            DtStamp = new CalDateTime(a.ChangedAt.UtcDateTime, "UTC", true),
            DtStart = new CalDateTime(start, a.TimeZone, true),
            DtEnd = new CalDateTime(end, a.TimeZone, true),
            Summary = OneLine(forTherapist ? $"Client appointment ({writer.PracticeName})" : $"Appointment with {writer.PracticeName}"),
            Organizer = new Organizer($"mailto:{writer.SenderAddress}") { CommonName = OneLine(writer.PracticeName) },
            Location = OneLine(a.Format == AppointmentFormat.Video ? link ?? "Video call" : writer.PracticeName),
            Description = OneLine($"Your appointment with {writer.PracticeName}. Details are in your portal: {writer.SignInUrl}"),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
        };
        if (a.Format == AppointmentFormat.Video && link is not null) evt.Url = new Uri(link);
        if (!download && attendee is not null)
            evt.Attendees.Add(new Attendee($"mailto:{attendee}") { Role = "REQ-PARTICIPANT", ParticipationStatus = cancelled ? "DECLINED" : "ACCEPTED" });
        calendar.Events.Add(evt);
        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>
    /// Ical.Net escapes commas, semicolons, backslashes and LF in text, not a lone CR or other control
    /// characters; none belongs in these one-line values (the practice's name comes from configuration).
    /// </summary>
    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
