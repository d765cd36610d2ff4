using Clinic.Api.Domain.Practice;
using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Appointments;

/// <summary>The booking rules that need the database or the practice's clock: a real future time, no double booking, the safety gate.</summary>
internal static class AppointmentRules
{
    /// <summary>The instant of the local time asked for; a time the clocks skip, or one already past, is a 400 on startsAt.</summary>
    public static DateTimeOffset Instant(DateTime local, PracticeCalendar calendar, DateTimeOffset now)
    {
        var instant = WallClock.ToInstant(local, calendar.Zone)
            ?? throw new FieldValidationException("startsAt",
                $"{ReadableDates.DayAndTime(local)} does not exist in {calendar.Zone.Id}: the clocks go forward then. Choose another time.");
        if (instant <= now) throw new FieldValidationException("startsAt", "Choose a time in the future.");
        return instant;
    }

    public static AppointmentDetails Details(BookAppointmentCommand c, PracticeCalendar calendar, DateTimeOffset now)
    {
        RequireLinkOnlyForVideo(c.Format!.Value, c.VideoLink);
        return new AppointmentDetails(Instant(c.StartsAt!.Value, calendar, now), calendar.Zone.Id, c.DurationMinutes!.Value,
            c.Attendees!.Value, c.Format!.Value, Blank(c.VideoLink), c.NoteToClients ?? "");
    }

    public static void RequireLinkOnlyForVideo(AppointmentFormat format, string? link)
    {
        if (format != AppointmentFormat.Video && !string.IsNullOrWhiteSpace(link))
            throw new FieldValidationException("videoLink", "A video link goes with format video only.");
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// DESIGN §9 and §4a: a joint appointment while a flag is open or joint sessions are paused needs the
    /// same confirmation as joint homework. True when it goes ahead on that confirmation (the caller audits it).
    /// </summary>
    public static async Task<bool> PassSafetyGateAsync(ClinicDbContext db, Guid coupleId, Attendees attendees, bool? confirmed,
        CancellationToken ct) =>
        attendees == Attendees.Both && await SafetyGate.RequireJointConfirmationAsync(db, coupleId, confirmed == true, ct);

    /// <summary>
    /// The therapist's time is taken by another booked or held appointment: a 409 unless they confirm the double booking.
    /// Returns whether the booking goes ahead as a confirmed overlap (<see cref="Appointment.OverlapConfirmed"/>); a
    /// confirmation sent for a time that overlaps nothing confirms nothing, so the database's rule still covers it.
    /// </summary>
    public static async Task<bool> RequireNoOverlapAsync(ClinicDbContext db, Guid therapistId, AppointmentDetails details, Guid? except,
        bool? confirmed, CancellationToken ct)
    {
        var end = details.StartsAt.AddMinutes(details.DurationMinutes);
        var clashes = await db.Appointments
            .Where(a => a.TherapistId == therapistId && a.Id != except)
            .Where(Appointment.Overlapping(details.StartsAt, end))
            .OrderBy(a => a.StartsAt).Select(a => a.Id).Take(10).ToListAsync(ct);
        if (clashes.Count == 0) return false;
        if (confirmed == true) return true;
        throw new ConflictException("This time overlaps another of your appointments. Confirm to book it anyway.",
            new Dictionary<string, object?> { ["requiresOverlapConfirmation"] = true, ["overlappingAppointmentIds"] = clashes });
    }
}
