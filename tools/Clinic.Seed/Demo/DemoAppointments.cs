using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

/// <summary>
/// The demo practice's appointments, kept relative to today each time the demo is loaded: the last
/// two sessions of each couple were held appointments, and every couple in work has its next one
/// booked in the coming week — so the caseload shows real next sessions and the calendar has a week in
/// it — except a couple drifting away (no session for <see cref="CaseloadAlerts.NoSessionDays"/> days or
/// more), which has nothing booked: that is the couple the caseload's "no session for N days" chases, and
/// a booked appointment would silence it. A couple with an open safety concern is booked individually, as a therapist would. Loading the
/// demo sends no email: these bookings write no "booked" message and schedule no reminder (a booking
/// made in the app does both).
/// </summary>
internal sealed class DemoAppointments(ClinicDbContext db, PracticeCalendar calendar, TimeProvider clock,
    ILogger<DemoAppointments> logger)
{
    private static readonly TimeOnly[] Slots = [new(17, 0), new(10, 0), new(14, 0), new(18, 0), new(9, 0), new(16, 0)];

    public async Task<int> TopUpAsync(IReadOnlyList<string> coupleKeys, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = calendar.Today();
        var added = 0;
        for (var i = 0; i < coupleKeys.Count; i++)
        {
            var coupleId = SeedIds.For($"demo/couple/{coupleKeys[i]}");
            var couple = await db.Couples.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == coupleId, ct);
            if (couple is null || couple.IsClosed) continue;
            added += await HeldFromSessionsAsync(couple, ct);
            if (couple.Status == CoupleStatus.Paused) continue;
            var lastSession = await db.Sessions.Where(s => s.CoupleId == couple.Id && s.Date <= today).MaxAsync(s => (DateOnly?)s.Date, ct);
            if (lastSession is { } last && today.DayNumber - last.DayNumber >= CaseloadAlerts.NoSessionDays) continue;
            if (await db.Appointments.AnyAsync(a => a.CoupleId == couple.Id && a.Status == AppointmentStatus.Booked && a.StartsAt > now, ct))
                continue;
            // The couple's usual day and time, or the next of the therapist's free hours after it: no double booking in the demo.
            DateTimeOffset startsAt = default;
            for (var k = 0; k < Slots.Length * 6; k++)
            {
                var day = today.AddDays(1 + (i + k / Slots.Length) % 6);
                var local = day.ToDateTime(Slots[(i + k) % Slots.Length]);
                startsAt = WallClock.ToInstant(local, calendar.Zone) ?? WallClock.ToInstant(local.AddHours(1), calendar.Zone)!.Value;
                if (!await OverlapsAsync(couple.TherapistId, startsAt, 50, ct)) break;
            }
            var concern = await db.SafetyFlags.AnyAsync(f => f.CoupleId == couple.Id && f.Status == SafetyFlagStatus.Open, ct)
                          || await db.RiskRecords.AnyAsync(r => r.CoupleId == couple.Id && r.JointSessionsPaused, ct);
            var appointment = Appointment.Book(couple, new AppointmentDetails(startsAt, calendar.Zone.Id, 50,
                concern ? Attendees.PartnerA : Attendees.Both, i % 3 == 2 ? AppointmentFormat.Video : AppointmentFormat.InPerson,
                i % 3 == 2 ? "https://video.demo.clinic.test/room-" + coupleKeys[i] : null, ""), couple.TherapistId, now);
            db.Appointments.Add(appointment);
            added++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo appointments: {Added} added", added);
        return added;
    }

    /// <summary>The couple's last two sessions become held appointments (once: a session keeps its appointment's id).</summary>
    private async Task<int> HeldFromSessionsAsync(Couple couple, CancellationToken ct)
    {
        var today = calendar.Today();
        var sessions = await db.Sessions.AsTracking()
            .Where(s => s.CoupleId == couple.Id && s.Date <= today && s.AppointmentId == null)
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.StartTime).Take(2).ToListAsync(ct);
        if (await db.Appointments.AnyAsync(a => a.CoupleId == couple.Id && a.Status == AppointmentStatus.Held, ct)) return 0;
        foreach (var session in sessions)
        {
            var local = session.Date.ToDateTime(session.StartTime);
            var startsAt = WallClock.ToInstant(local, calendar.Zone) ?? WallClock.ToInstant(local.AddHours(1), calendar.Zone)!.Value;
            var attendees = session.Attendance switch
            {
                Clinic.Api.Domain.Sessions.Attendance.PartnerA => Attendees.PartnerA,
                Clinic.Api.Domain.Sessions.Attendance.PartnerB => Attendees.PartnerB,
                _ => Attendees.Both,
            };
            var appointment = Appointment.Book(couple, new AppointmentDetails(startsAt, calendar.Zone.Id, session.DurationMinutes, attendees,
                session.Format == Clinic.Api.Domain.Sessions.SessionFormat.Video ? AppointmentFormat.Video : AppointmentFormat.InPerson, null, ""),
                couple.TherapistId, startsAt.AddDays(-7), await OverlapsAsync(couple.TherapistId, startsAt, session.DurationMinutes, ct));
            appointment.Hold(DateOnly.FromDateTime(WallClock.ToLocal(startsAt, calendar.Zone)), calendar.Zone, couple.TherapistId, startsAt);
            db.Appointments.Add(appointment);
            session.RecordedFrom(appointment.Id);
        }
        return sessions.Count;
    }

    /// <summary>
    /// Whether the therapist's time is taken then, by a stored appointment or one added in this run. Past sessions of two
    /// couples at one hour become held appointments confirmed as overlapping, as the therapist recorded them.
    /// </summary>
    private async Task<bool> OverlapsAsync(Guid therapistId, DateTimeOffset start, int minutes, CancellationToken ct)
    {
        var end = start.AddMinutes(minutes);
        return db.ChangeTracker.Entries<Appointment>().Any(e => e.State == EntityState.Added && e.Entity.TherapistId == therapistId
                                                                 && e.Entity.TakesTime && e.Entity.StartsAt < end && start < e.Entity.EndsAt)
               || await db.Appointments.Where(a => a.TherapistId == therapistId).AnyAsync(Appointment.Overlapping(start, end), ct);
    }
}
