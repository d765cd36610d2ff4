using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Appointments;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Booking;

/// <summary>
/// What every booking use case needs from the database: a therapist's availability, the time already taken, the safety
/// gate, and turning a request everyone agreed to into an appointment (or a moved one). The rules themselves live on
/// <see cref="Availability"/>, <see cref="SlotFinder"/>, <see cref="BookingRequest"/> and <see cref="Appointment"/>.
/// </summary>
internal sealed class BookingDesk(ClinicDbContext db, PracticeCalendar calendar, AuditTrail audit, AppointmentNotices notices,
    BookingNotices bookingNotices)
{
    /// <summary>The one answer a partner gets when they may not book a joint time themselves, whatever the reason.</summary>
    public const string ContactTherapistMessage = "Please contact your therapist to book.";

    public TimeZoneInfo Zone => calendar.Zone;

    public async Task<Availability> AvailabilityOfAsync(Guid therapistId, CancellationToken ct) =>
        await db.Availabilities.SingleOrDefaultAsync(a => a.TherapistId == therapistId, ct) ?? Availability.For(therapistId);

    /// <summary>The therapist's booked and held time from <paramref name="from"/> to <paramref name="to"/>, widened by a day either side.</summary>
    public async Task<List<BusyTime>> BusyAsync(Guid therapistId, DateTimeOffset from, DateTimeOffset to, Guid? except, CancellationToken ct)
    {
        var start = from.AddDays(-1);
        var end = to.AddDays(1);
        var rows = await db.Appointments
            .Where(a => a.TherapistId == therapistId && a.Id != except)
            .Where(Appointment.Overlapping(start, end))
            .Select(a => new { a.StartsAt, a.DurationMinutes }).ToListAsync(ct);
        return rows.Select(r => new BusyTime(r.StartsAt, r.StartsAt.AddMinutes(r.DurationMinutes))).OrderBy(b => b.Start).ToList();
    }

    /// <summary>
    /// DESIGN §4a and §16: no joint time is offered or booked by a partner while a safety flag is open or joint sessions are
    /// paused. The partner hears only <see cref="ContactTherapistMessage"/>, never why.
    /// </summary>
    public async Task<bool> JointBookingClosedAsync(Guid coupleId, CancellationToken ct) =>
        await SafetyGate.NeedsJointConfirmationAsync(db, coupleId, ct);

    public async Task RequireJointBookingOpenAsync(Guid coupleId, Attendees attendees, CancellationToken ct)
    {
        if (attendees == Attendees.Both && await JointBookingClosedAsync(coupleId, ct))
            throw new ConflictException(ContactTherapistMessage, new Dictionary<string, object?> { ["contactTherapist"] = true });
    }

    /// <summary>
    /// Everyone who attends agreed: book it (or move the appointment). A partner's path (auto-approval) needs the time free
    /// with the buffer and the safety gate open; the therapist's approval may confirm an overlap or the safety gate, audited.
    /// The database's exclusion constraint is the last word when two bookings race.
    /// </summary>
    public async Task<Appointment> BookAsync(BookingRequest request, Couple couple, Guid by, DateTimeOffset now, TherapistApproval? approval,
        CancellationToken ct)
    {
        var moving = request.Kind == BookingRequestKind.Move
            ? await db.Appointments.AsTracking().SingleAsync(a => a.Id == request.AppointmentId, ct)
            : null;
        moving?.EnsureBooked();

        var confirmedPastGate = false;
        var overlapConfirmed = false;
        var template = moving ?? await LastAppointmentAsync(couple.Id, ct);
        var details = new AppointmentDetails(request.StartsAt, request.TimeZone, request.DurationMinutes, request.Attendees,
            template?.Format ?? AppointmentFormat.InPerson, template?.Format == AppointmentFormat.Video ? template.VideoLink : null,
            moving?.NoteToClients ?? "");
        if (approval is null)
        {
            await RequireJointBookingOpenAsync(couple.Id, request.Attendees, ct);
            var availability = await AvailabilityOfAsync(couple.TherapistId, ct);
            var busy = await BusyAsync(couple.TherapistId, request.StartsAt, request.EndsAt, moving?.Id, ct);
            var buffer = TimeSpan.FromMinutes(availability.BufferMinutes);
            if (busy.Any(b => request.StartsAt < b.End + buffer && b.Start - buffer < request.EndsAt)) throw TimeTaken();
        }
        else
        {
            confirmedPastGate = await AppointmentRules.PassSafetyGateAsync(db, couple.Id, request.Attendees, approval.ConfirmSafety, ct);
            overlapConfirmed = await AppointmentRules.RequireNoOverlapAsync(db, couple.TherapistId, details, moving?.Id, approval.ConfirmOverlap, ct);
        }

        Appointment appointment;
        if (moving is null)
        {
            appointment = Appointment.Book(couple, details, by, now, overlapConfirmed);
            db.Appointments.Add(appointment);
            notices.Booked(appointment, couple);
            await bookingNotices.TellTherapistAsync(appointment, TherapistNews.Booked, ct);
            audit.Record("appointment.book", "appointment", appointment.Id, couple.Id, detail: $"From booking request {request.Id}.");
        }
        else
        {
            appointment = moving;
            var attendeesBefore = appointment.Attendees;
            appointment.Change(details with { Attendees = appointment.Attendees }, by, now, overlapConfirmed);
            await notices.ChangedAsync(appointment, attendeesBefore, whenOrHowChanged: true, couple, ct);
            await bookingNotices.TellTherapistAsync(appointment, TherapistNews.Moved, ct);
            audit.Record("appointment.change", "appointment", appointment.Id, couple.Id, detail: $"Moved by booking request {request.Id}.");
        }
        if (confirmedPastGate)
            audit.Record("appointment.book.safety_confirmed", "appointment", appointment.Id, couple.Id,
                detail: "Joint booking request approved while a safety flag was open or joint sessions were paused.");
        request.MarkBooked(appointment.Id, by, now);
        return appointment;
    }

    public static ConflictException TimeTaken() =>
        new(Appointment.TimeTakenMessage, new Dictionary<string, object?> { ["timeTaken"] = true });

    private Task<Appointment?> LastAppointmentAsync(Guid coupleId, CancellationToken ct) =>
        db.Appointments.Where(a => a.CoupleId == coupleId).OrderByDescending(a => a.StartsAt).FirstOrDefaultAsync(ct);
}

/// <summary>The therapist approves: they may confirm an overlap or a joint booking past the safety gate, as when booking.</summary>
internal sealed record TherapistApproval(bool? ConfirmOverlap, bool? ConfirmSafety);
