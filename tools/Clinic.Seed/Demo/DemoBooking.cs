using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Domain.Waitlist;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

/// <summary>
/// Issue 32 in the demo: working hours for each demo therapist (weekdays 09:00–18:00, booked by clients with the
/// therapist's approval), a joint time one partner of a couple in work asked for that waits for the other partner in
/// their portal, and two couples on the first therapist's waitlist. Idempotent: hours and entries have stable ids, and
/// a new request is made only when the couple has none waiting (one made on an earlier load expires after 48 hours).
/// Sends no email.
/// </summary>
internal sealed class DemoBooking(ClinicDbContext db, PracticeCalendar calendar, TimeProvider clock, ILogger<DemoBooking> logger)
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public async Task LoadAsync(DemoPractice practice, IReadOnlyList<string> coupleKeys, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var hours = 0;
        foreach (var t in practice.Therapists)
        {
            var id = SeedIds.For($"demo/therapist/{t.Key}");
            if (!await db.Users.AnyAsync(u => u.Id == id, ct) || await db.Availabilities.AnyAsync(a => a.TherapistId == id, ct)) continue;
            db.Availabilities.Add(Availability.Create(id, Availability.Defaults with
            {
                Weekly = Weekdays.Select(d => new WeeklyHours(d, new TimeOnly(9, 0), new TimeOnly(18, 0))).ToList(),
                MinNoticeHours = 12, AutoApprove = false,
            }, now));
            hours++;
        }

        var first = SeedIds.For($"demo/therapist/{practice.Therapists[0].Key}");
        var waiting = 0;
        foreach (var (key, entry) in Waitlist())
        {
            var id = SeedIds.For($"demo/waitlist/{key}");
            if (await db.WaitlistEntries.AnyAsync(e => e.Id == id, ct)) continue;
            var added = WaitlistEntry.Add(first, entry.Details, now.AddDays(-entry.DaysAgo));
            SeedIds.Stamp(added, id);
            db.WaitlistEntries.Add(added);
            waiting++;
        }

        var requested = await PendingJointRequestAsync(coupleKeys, now, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo booking: hours for {Hours} therapists, {Waiting} waitlist entries, {Requests} requests added", hours, waiting, requested);
    }

    /// <summary>A joint time partner A asked for, waiting for partner B: the first couple in work where both sign in.</summary>
    private async Task<int> PendingJointRequestAsync(IReadOnlyList<string> coupleKeys, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var key in coupleKeys)
        {
            var coupleId = SeedIds.For($"demo/couple/{key}");
            var couple = await db.Couples.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == coupleId, ct);
            if (couple is not { Status: CoupleStatus.Active } || couple.Partners.Any(p => p.UserId is null)) continue;
            if (await db.SafetyFlags.AnyAsync(f => f.CoupleId == couple.Id && f.Status == SafetyFlagStatus.Open, ct)
                || await db.RiskRecords.AnyAsync(r => r.CoupleId == couple.Id && r.JointSessionsPaused, ct)) continue;
            if (await db.BookingRequests.Where(r => r.CoupleId == couple.Id).AnyAsync(BookingRequest.PendingAt(now), ct)) return 0;
            // Three working days on at 11:00 (or the next free hour that day), clear of the couple's therapist's bookings.
            var day = calendar.Today().AddDays(3);
            while (!Weekdays.Contains(day.DayOfWeek)) day = day.AddDays(1);
            for (var hour = 11; hour < 17; hour++)
            {
                var startsAt = WallClock.ToInstant(day.ToDateTime(new TimeOnly(hour, 0)), calendar.Zone);
                if (startsAt is not { } at) continue;
                var end = at.AddMinutes(50);
                if (await db.Appointments.Where(a => a.TherapistId == couple.TherapistId).AnyAsync(Appointment.Overlapping(at, end), ct)) continue;
                db.BookingRequests.Add(BookingRequest.Ask(couple, couple.PartnerA, Attendees.Both, at, calendar.Zone.Id, 50, now));
                return 1;
            }
            return 0;
        }
        return 0;
    }

    private sealed record DemoWaitlistEntry(WaitlistDetails Details, int DaysAgo);

    private static IEnumerable<(string Key, DemoWaitlistEntry Entry)> Waitlist()
    {
        yield return ("hale-moreno", new DemoWaitlistEntry(new WaitlistDetails(
            new WaitlistContact("Robin", "Hale", "robin.hale@example.org", "+44 20 7946 0101"),
            new WaitlistContact("Kai", "Moreno", "kai.moreno@example.org", null),
            "GP referral", [DayOfWeek.Tuesday, DayOfWeek.Thursday], [DayPart.Evening], WaitlistUrgency.Soon,
            "Referred by their GP", "Evenings only; Robin works shifts."), 23));
        yield return ("asante-byrne", new DemoWaitlistEntry(new WaitlistDetails(
            new WaitlistContact("Efua", "Asante", "efua.asante@example.org", "+44 20 7946 0202"),
            new WaitlistContact("Liam", "Byrne", "liam.byrne@example.org", "+44 20 7946 0203"),
            "The practice's website", [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], [DayPart.Morning, DayPart.Afternoon],
            WaitlistUrgency.Routine, "Want to talk about moving in together", ""), 9));
    }
}
