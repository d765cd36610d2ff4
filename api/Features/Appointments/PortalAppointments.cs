using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Appointments;

public sealed record ListMyAppointmentsQuery : IRequest<IReadOnlyList<PortalAppointmentDto>>;

/// <summary>
/// A partner's upcoming appointments — only those they attend (DESIGN §9): an individual session of
/// the other partner does not exist for them. Cancelled ones stay listed until their time has passed.
/// </summary>
internal sealed class ListMyAppointmentsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ListMyAppointmentsQuery, IReadOnlyList<PortalAppointmentDto>>
{
    public async Task<IReadOnlyList<PortalAppointmentDto>> Handle(ListMyAppointmentsQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var now = clock.GetUtcNow();
        var mine = AttendedBy(me.Label);
        var rows = await db.Appointments
            .Where(a => a.CoupleId == couple.Id && mine.Contains(a.Attendees) && a.Status != AppointmentStatus.Held
                        && a.Status != AppointmentStatus.NoShow && a.StartsAt.AddMinutes(a.DurationMinutes) > now)
            .OrderBy(a => a.StartsAt).Take(50).ToListAsync(ct);
        var therapists = rows.Select(a => a.TherapistId).Distinct().ToList();
        var windows = await db.Availabilities.Where(a => therapists.Contains(a.TherapistId))
            .ToDictionaryAsync(a => a.TherapistId, a => a.CancellationWindowHours, ct);
        audit.Record("portal.appointments.list", "appointment", null, couple.Id);
        await db.SaveChangesAsync(ct);
        // One under way is still listed (until it ends) but is not "next": the first that is booked and starts after now is.
        var next = rows.FirstOrDefault(a => a.IsUpcomingAfter(now))?.Id;
        return rows.Select(a => AppointmentViews.Portal(a,
            a.StartsAt.AddHours(-windows.GetValueOrDefault(a.TherapistId, Domain.Booking.Availability.Defaults.CancellationWindowHours)),
            a.Id == next)).ToList();
    }

    public static Attendees[] AttendedBy(Domain.Couples.PartnerLabel label) =>
        Enum.GetValues<Attendees>().Where(a => Appointment.Attends(a, label)).ToArray();
}

public sealed record GetMyAppointmentCalendarFileQuery(Guid Id) : IRequest<byte[]>;

/// <summary>"Add to calendar": the .ics of one appointment this partner attends; any other is not found.</summary>
internal sealed class GetMyAppointmentCalendarFileHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, EmailWriter writer)
    : IRequestHandler<GetMyAppointmentCalendarFileQuery, byte[]>
{
    public async Task<byte[]> Handle(GetMyAppointmentCalendarFileQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var mine = ListMyAppointmentsHandler.AttendedBy(me.Label);
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == query.Id && a.CoupleId == couple.Id
                                                                          && mine.Contains(a.Attendees), ct)
            ?? throw new NotFoundException("appointment"); // no id echoed: a probe learns nothing from the answer
        audit.Record("portal.appointments.calendar_file", "appointment", appointment.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return AppointmentCalendarFile.Build(appointment, writer,
            cancelled: appointment.Status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled, download: true);
    }
}
