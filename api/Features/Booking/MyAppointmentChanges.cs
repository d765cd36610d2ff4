using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Features.Appointments;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Booking;

/// <param name="AcceptLate">Inside the therapist's cancellation window: cancel anyway, recorded as a late cancellation.</param>
public sealed record CancelMyAppointmentCommand(bool? AcceptLate) : IRequest<PortalAppointmentDto>
{
    internal Guid Id { get; init; }
}

/// <summary>
/// A partner cancels an appointment they attend (DESIGN §16). Inside the therapist's cancellation window it is recorded as
/// late, and the partner is told so first (a 409 with <c>lateCancellation</c> until they accept). Both partners who attend
/// and the therapist get the cancellation with the calendar file (same UID, higher SEQUENCE).
/// </summary>
internal sealed class CancelMyAppointmentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    BookingDesk desk, AppointmentNotices notices, BookingNotices bookingNotices) : IRequestHandler<CancelMyAppointmentCommand, PortalAppointmentDto>
{
    public async Task<PortalAppointmentDto> Handle(CancelMyAppointmentCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var appointment = await MyAppointments.FindAsync(db, me, couple.Id, command.Id, ct);
        var now = clock.GetUtcNow();
        appointment.EnsureBooked();
        if (appointment.StartsAt <= now) throw new ConflictException("This appointment has started; please contact your therapist.");
        var availability = await desk.AvailabilityOfAsync(appointment.TherapistId, ct);
        var late = now > MyAppointments.Deadline(appointment, availability);
        if (late && command.AcceptLate != true)
            throw new ConflictException(
                $"This is within {availability.CancellationWindowHours} hours of your appointment: cancelling now is recorded as a late cancellation. Confirm to cancel anyway.",
                new Dictionary<string, object?> { ["lateCancellation"] = true, ["cancellationWindowHours"] = availability.CancellationWindowHours });

        appointment.Close(late ? AppointmentStatus.LateCancelled : AppointmentStatus.Cancelled, user.Id, now);
        await notices.ClosedAsync(appointment, couple, ct);
        await bookingNotices.TellTherapistAsync(appointment, TherapistNews.Cancelled, ct);
        foreach (var pending in await db.BookingRequests.AsTracking().Where(r => r.AppointmentId == appointment.Id)
                     .Where(BookingRequest.PendingAt(now)).ToListAsync(ct))
            pending.Decline(user.Id, now);
        audit.Record(late ? "portal.appointment.late_cancel" : "portal.appointment.cancel", "appointment", appointment.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return AppointmentViews.Portal(appointment, MyAppointments.Deadline(appointment, availability), isNext: false); // closed: no longer next
    }
}

/// <param name="StartsAt">One of the free times offered for this appointment (its startsAtUtc).</param>
public sealed record MoveMyAppointmentCommand(DateTimeOffset? StartsAt) : IRequest<PortalBookingRequestDto>
{
    internal Guid Id { get; init; }
}

public sealed class MoveMyAppointmentValidator : AbstractValidator<MoveMyAppointmentCommand>
{
    public MoveMyAppointmentValidator() => RuleFor(c => c.StartsAt).NotNull().WithMessage("Choose one of the free times.");
}

/// <summary>
/// A partner asks to move an appointment they attend to another free time, before the cancellation window: a request like
/// a new one (the other partner agrees to a joint one; then auto-approved or approved by the therapist), which moves the
/// appointment when booked. Inside the window the portal sends them to their therapist.
/// </summary>
internal sealed class MoveMyAppointmentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    BookingDesk desk, BookingNotices notices) : IRequestHandler<MoveMyAppointmentCommand, PortalBookingRequestDto>
{
    public async Task<PortalBookingRequestDto> Handle(MoveMyAppointmentCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var appointment = await MyAppointments.FindAsync(db, me, couple.Id, command.Id, ct);
        var now = clock.GetUtcNow();
        appointment.EnsureBooked();
        var availability = await desk.AvailabilityOfAsync(appointment.TherapistId, ct);
        if (now > MyAppointments.Deadline(appointment, availability))
            throw new ConflictException(
                $"Within {availability.CancellationWindowHours} hours of your appointment, please contact your therapist to change it.",
                new Dictionary<string, object?> { ["contactTherapist"] = true });
        if (await db.BookingRequests.Where(r => r.AppointmentId == appointment.Id).AnyAsync(BookingRequest.PendingAt(now), ct))
            throw new ConflictException("A new time for this appointment is already waiting for an answer.");

        var request = await PortalBooking.AskAsync(db, desk, couple, me, appointment.Attendees, command.StartsAt!.Value, now, appointment, ct);
        db.BookingRequests.Add(request);
        audit.Record("portal.booking_request.move", "booking_request", request.Id, couple.Id, detail: $"Appointment {appointment.Id}.");
        await PortalBooking.AfterAgreementAsync(db, desk, notices, request, couple, user.Id, now, ct);
        await db.SaveChangesAsync(ct);
        return BookingRequestViews.Portal(request, me, now);
    }
}

internal static class MyAppointments
{
    /// <summary>An appointment of my couple that I attend; any other is not found (no id echoed).</summary>
    public static async Task<Appointment> FindAsync(ClinicDbContext db, Domain.Couples.Partner me, Guid coupleId, Guid id, CancellationToken ct)
    {
        var mine = ListMyAppointmentsHandler.AttendedBy(me.Label);
        return await db.Appointments.AsTracking().SingleOrDefaultAsync(a => a.Id == id && a.CoupleId == coupleId && mine.Contains(a.Attendees), ct)
               ?? throw new NotFoundException("appointment");
    }

    /// <summary>The last moment a partner may move the appointment or cancel it without it counting as late.</summary>
    public static DateTimeOffset Deadline(Appointment a, Availability availability) => a.StartsAt.AddHours(-availability.CancellationWindowHours);
}
