using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Appointments;

/// <param name="Status">cancelled, late_cancelled or no_show closes the appointment; sent alone. Holding is its own route.</param>
public sealed record ChangeAppointmentCommand(uint? Version, DateTime? StartsAt, int? DurationMinutes, Attendees? Attendees,
    AppointmentFormat? Format, string? VideoLink, string? NoteToClients, AppointmentStatus? Status, bool? ConfirmOverlap,
    bool? ConfirmSafety) : IRequest<AppointmentDto>, IAppointmentFields
{
    internal Guid Id { get; init; }

    internal bool ChangesDetails => StartsAt is not null || DurationMinutes is not null || Attendees is not null || Format is not null
                                    || VideoLink is not null || NoteToClients is not null;
}

public sealed class ChangeAppointmentValidator : AbstractValidator<ChangeAppointmentCommand>
{
    public ChangeAppointmentValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.Status)
            .Must(s => s is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled or AppointmentStatus.NoShow)
            .When(c => c.Status is not null)
            .WithMessage("Set status to cancelled, late_cancelled or no_show; hold an appointment with POST /api/appointments/{id}/hold.");
        RuleFor(c => c.Status).Null().When(c => c.ChangesDetails)
            .WithMessage("Change the time or details, or close the appointment, in separate requests.");
        Include(new AppointmentFieldsValidator());
    }
}

internal sealed class ChangeAppointmentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar, AppointmentNotices notices) : IRequestHandler<ChangeAppointmentCommand, AppointmentDto>
{
    public async Task<AppointmentDto> Handle(ChangeAppointmentCommand command, CancellationToken ct)
    {
        var appointment = await db.OwnedAppointmentAsync(user, command.Id, ct, tracking: true);
        db.ExpectVersion(appointment, command.Version, "appointment");
        var couple = await db.Couples.Include(c => c.Partners).SingleAsync(c => c.Id == appointment.CoupleId, ct);
        appointment.EnsureBooked();
        var now = clock.GetUtcNow();

        if (command.Status is { } outcome)
        {
            if (outcome == AppointmentStatus.NoShow && calendar.DateOf(appointment.StartsAt) > calendar.Today())
                throw new FieldValidationException("status", "A no-show can be recorded from the day of the appointment.");
            appointment.Close(outcome, user.Id, now);
            await notices.ClosedAsync(appointment, couple, ct);
            audit.Record("appointment." + Data.SnakeCaseEnumConverter<AppointmentStatus>.ToWire(outcome), "appointment", appointment.Id, couple.Id);
        }
        else if (command.ChangesDetails)
        {
            couple.EnsureOpen();
            var format = command.Format ?? appointment.Format;
            var link = command.VideoLink is null ? (format == AppointmentFormat.Video ? appointment.VideoLink : null) : AppointmentRules.Blank(command.VideoLink);
            AppointmentRules.RequireLinkOnlyForVideo(format, link);
            var details = new AppointmentDetails(
                command.StartsAt is { } local ? AppointmentRules.Instant(local, calendar, now) : appointment.StartsAt,
                command.StartsAt is null ? appointment.TimeZone : calendar.Zone.Id,
                command.DurationMinutes ?? appointment.DurationMinutes, command.Attendees ?? appointment.Attendees, format, link,
                command.NoteToClients ?? appointment.NoteToClients);
            var whenOrHowChanged = details.StartsAt != appointment.StartsAt || details.DurationMinutes != appointment.DurationMinutes
                                   || details.Format != appointment.Format || details.VideoLink != appointment.VideoLink;

            var confirmedPastGate = (whenOrHowChanged || details.Attendees != appointment.Attendees)
                && await AppointmentRules.PassSafetyGateAsync(db, couple.Id, details.Attendees, command.ConfirmSafety, ct);
            bool? overlapConfirmed = details.StartsAt != appointment.StartsAt || details.DurationMinutes != appointment.DurationMinutes
                ? await AppointmentRules.RequireNoOverlapAsync(db, appointment.TherapistId, details, appointment.Id, command.ConfirmOverlap, ct)
                : null;

            var attendeesBefore = appointment.Attendees;
            appointment.Change(details, user.Id, now, overlapConfirmed);
            await notices.ChangedAsync(appointment, attendeesBefore, whenOrHowChanged, couple, ct);
            audit.Record("appointment.change", "appointment", appointment.Id, couple.Id);
            if (confirmedPastGate)
                audit.Record("appointment.change.safety_confirmed", "appointment", appointment.Id, couple.Id,
                    detail: "Joint appointment changed while a safety flag was open or joint sessions were paused.");
        }

        await db.SaveChangesAsync(ct);
        return AppointmentViews.Dto(appointment, couple.DisplayName, null, calendar);
    }
}

internal static class AppointmentOwnership
{
    /// <summary>Appointments of the caller's own caseload; another therapist's is not found.</summary>
    public static async Task<Appointment> OwnedAppointmentAsync(this ClinicDbContext db, ICurrentUser user, Guid id, CancellationToken ct,
        bool tracking = false)
    {
        var query = db.Appointments.Where(a => a.TherapistId == user.Id && user.Role == Domain.Users.Roles.Therapist
                                               && db.Couples.Any(c => c.Id == a.CoupleId && c.TherapistId == user.Id));
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("appointment", id);
    }
}
