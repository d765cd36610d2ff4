using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Booking;

/// <param name="StartsAt">One of the free times offered: its startsAtUtc (any offset is read as the instant it names).</param>
/// <param name="Attendees">both, or the caller's own label.</param>
public sealed record AskForTimeCommand(DateTimeOffset? StartsAt, Attendees? Attendees) : IRequest<PortalBookingRequestDto>;

public sealed class AskForTimeValidator : AbstractValidator<AskForTimeCommand>
{
    public AskForTimeValidator()
    {
        RuleFor(c => c.StartsAt).NotNull().WithMessage("Choose one of the free times.");
        RuleFor(c => c.Attendees).NotNull().WithMessage("Say who the time is for: both, or yourself (partner_a or partner_b).");
    }
}

/// <summary>
/// A partner asks for one of the free times (DESIGN §16). A time for both waits for the other partner, who hears there is
/// something new in their portal; a time for the caller alone is agreed at once. Agreed, it is booked at once or waits for
/// the therapist (their auto-approval setting). A time that is no longer free is a 409 for whoever is second.
/// </summary>
internal sealed class AskForTimeHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock, BookingDesk desk,
    BookingNotices notices) : IRequestHandler<AskForTimeCommand, PortalBookingRequestDto>
{
    public async Task<PortalBookingRequestDto> Handle(AskForTimeCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var attendees = command.Attendees!.Value;
        if (!Appointment.Attends(attendees, me.Label))
            throw new FieldValidationException("attendees", "Ask for a time for both of you or for yourself.");
        var request = await PortalBooking.AskAsync(db, desk, couple, me, attendees, command.StartsAt!.Value, clock.GetUtcNow(), null, ct);
        db.BookingRequests.Add(request);
        audit.Record("portal.booking_request.create", "booking_request", request.Id, couple.Id);
        await PortalBooking.AfterAgreementAsync(db, desk, notices, request, couple, user.Id, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return BookingRequestViews.Portal(request, me, clock.GetUtcNow());
    }
}

/// <summary>The steps asking for a new time and asking to move an appointment share.</summary>
internal static class PortalBooking
{
    public static async Task<BookingRequest> AskAsync(ClinicDbContext db, BookingDesk desk, Couple couple, Partner me, Attendees attendees,
        DateTimeOffset startsAt, DateTimeOffset now, Appointment? moving, CancellationToken ct)
    {
        if (couple.Status is not (CoupleStatus.Active or CoupleStatus.Intake))
            throw new ConflictException(BookingDesk.ContactTherapistMessage, new Dictionary<string, object?> { ["contactTherapist"] = true });
        await desk.RequireJointBookingOpenAsync(couple.Id, attendees, ct);
        var pending = await db.BookingRequests.Where(r => r.CoupleId == couple.Id).Where(BookingRequest.PendingAt(now)).CountAsync(ct);
        if (pending >= BookingRequest.MaxPendingPerCouple)
            throw new ConflictException($"You have {pending} requests waiting already. Wait for an answer, or take one back first.");

        var availability = await desk.AvailabilityOfAsync(couple.TherapistId, ct);
        if (!availability.HasHours)
            throw new ConflictException(BookingDesk.ContactTherapistMessage, new Dictionary<string, object?> { ["contactTherapist"] = true });
        var duration = moving?.DurationMinutes ?? availability.DurationFor(attendees == Attendees.Both);
        var start = startsAt.ToUniversalTime();
        var busy = await desk.BusyAsync(couple.TherapistId, start, start.AddMinutes(duration), moving?.Id, ct);
        switch (SlotFinder.Check(availability, desk.Zone, start, duration, busy, now))
        {
            case Bookability.NotOffered:
                throw new FieldValidationException("startsAt", "This is not one of the free times offered. Choose one from the list.");
            case Bookability.Taken:
                throw BookingDesk.TimeTaken();
        }
        return BookingRequest.Ask(couple, me, attendees, start, desk.Zone.Id, duration, now, moving);
    }

    /// <summary>Everyone who attends has agreed: book now (auto-approval) or tell the therapist; otherwise tell the other partner.</summary>
    public static async Task AfterAgreementAsync(ClinicDbContext db, BookingDesk desk, BookingNotices notices, BookingRequest request,
        Couple couple, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Status == BookingRequestStatus.AwaitingPartner)
        {
            foreach (var other in couple.Partners.Where(p => request.WaitsFor(p.Label, now))) await notices.TellPartnerAsync(other, ct);
            return;
        }
        var availability = await desk.AvailabilityOfAsync(couple.TherapistId, ct);
        if (availability.AutoApprove) await desk.BookAsync(request, couple, by, now, approval: null, ct);
        else await notices.TellTherapistAwaitingApprovalAsync(request, ct);
    }
}

public sealed record ListMyBookingRequestsQuery : IRequest<IReadOnlyList<PortalBookingRequestDto>>;

/// <summary>My requests and those waiting for me, newest first: the ones still open, and those settled in the last 30 days.</summary>
internal sealed class ListMyBookingRequestsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ListMyBookingRequestsQuery, IReadOnlyList<PortalBookingRequestDto>>
{
    public async Task<IReadOnlyList<PortalBookingRequestDto>> Handle(ListMyBookingRequestsQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-30);
        var mine = Appointments.ListMyAppointmentsHandler.AttendedBy(me.Label);
        var rows = await db.BookingRequests
            .Where(r => r.CoupleId == couple.Id && mine.Contains(r.Attendees) && r.CreatedAt >= since)
            .OrderByDescending(r => r.CreatedAt).Take(50).ToListAsync(ct);
        audit.Record("portal.booking_request.list", "booking_request", null, couple.Id);
        await db.SaveChangesAsync(ct);
        return rows.Select(r => BookingRequestViews.Portal(r, me, now)).ToList();
    }
}

public sealed record AnswerBookingRequestCommand(Guid Id, bool Agree) : IRequest<PortalBookingRequestDto>;

/// <summary>
/// The other partner agrees to a time, or says no; the one who asked may take it back with no. A request the partner does
/// not attend (the other's individual time) is not found. Agreeing to a time that was taken meanwhile is a 409.
/// </summary>
internal sealed class AnswerBookingRequestHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    BookingDesk desk, BookingNotices notices) : IRequestHandler<AnswerBookingRequestCommand, PortalBookingRequestDto>
{
    public async Task<PortalBookingRequestDto> Handle(AnswerBookingRequestCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var mine = Appointments.ListMyAppointmentsHandler.AttendedBy(me.Label);
        var request = await db.BookingRequests.AsTracking()
            .SingleOrDefaultAsync(r => r.Id == command.Id && r.CoupleId == couple.Id && mine.Contains(r.Attendees), ct)
            ?? throw new NotFoundException("booking request");
        var now = clock.GetUtcNow();
        if (command.Agree)
        {
            await desk.RequireJointBookingOpenAsync(couple.Id, request.Attendees, ct);
            request.Confirm(me.Label, now);
            audit.Record("portal.booking_request.confirm", "booking_request", request.Id, couple.Id);
            await PortalBooking.AfterAgreementAsync(db, desk, notices, request, couple, user.Id, now, ct);
        }
        else
        {
            request.Decline(user.Id, now);
            audit.Record("portal.booking_request.decline", "booking_request", request.Id, couple.Id);
            foreach (var other in couple.Partners.Where(p => p.Id != me.Id && request.AttendedBy(p.Label)))
                await notices.TellPartnerAsync(other, ct);
        }
        await db.SaveChangesAsync(ct);
        return BookingRequestViews.Portal(request, me, now);
    }
}
