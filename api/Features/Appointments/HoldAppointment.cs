using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Appointments;

public sealed record HoldAppointmentCommand(Guid Id) : IRequest<SessionDraftDto>;

/// <summary>
/// The session took place: the appointment is held and the therapist gets the session form prefilled
/// (date, time, length, format, who attended). Holding again returns the same draft, with the
/// session once it is recorded.
/// </summary>
internal sealed class HoldAppointmentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar, AppointmentNotices notices) : IRequestHandler<HoldAppointmentCommand, SessionDraftDto>
{
    public async Task<SessionDraftDto> Handle(HoldAppointmentCommand command, CancellationToken ct)
    {
        var appointment = await db.OwnedAppointmentAsync(user, command.Id, ct, tracking: true);
        var wasBooked = appointment.IsBooked;
        appointment.Hold(calendar.Today(), calendar.Zone, user.Id, clock.GetUtcNow()); // 409 when cancelled, missed or before its day
        if (wasBooked)
        {
            await notices.HeldAsync(appointment, ct);
            audit.Record("appointment.hold", "appointment", appointment.Id, appointment.CoupleId);
            await db.SaveChangesAsync(ct);
        }
        var sessionId = await db.Sessions.Where(s => s.AppointmentId == appointment.Id).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
        return Draft(appointment, sessionId);
    }

    public static SessionDraftDto Draft(Appointment a, Guid? sessionId)
    {
        var local = WallClock.ToLocal(a.StartsAt, AppointmentViews.ZoneOf(a));
        return new SessionDraftDto(a.Id, a.CoupleId, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), a.DurationMinutes,
            a.Format == AppointmentFormat.Video ? SessionFormat.Video : SessionFormat.InPerson,
            a.Attendees switch { Attendees.PartnerA => Attendance.PartnerA, Attendees.PartnerB => Attendance.PartnerB, _ => Attendance.Both },
            sessionId);
    }
}
