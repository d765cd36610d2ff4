using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Appointments;

public sealed record BookAppointmentCommand(DateTime? StartsAt, int? DurationMinutes, Attendees? Attendees, AppointmentFormat? Format,
    string? VideoLink, string? NoteToClients, bool? ConfirmOverlap, bool? ConfirmSafety)
    : IRequest<AppointmentDto>, IAppointmentFields
{
    internal Guid CoupleId { get; init; }
}

public sealed class BookAppointmentValidator : AbstractValidator<BookAppointmentCommand>
{
    public BookAppointmentValidator()
    {
        RuleFor(c => c.StartsAt).NotNull();
        RuleFor(c => c.DurationMinutes).NotNull();
        RuleFor(c => c.Attendees).NotNull().WithMessage("Say who attends: both, partner_a or partner_b.");
        RuleFor(c => c.Format).NotNull().WithMessage("Say how: in_person or video.");
        Include(new AppointmentFieldsValidator());
    }
}

internal sealed class BookAppointmentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar, AppointmentNotices notices) : IRequestHandler<BookAppointmentCommand, AppointmentDto>
{
    public async Task<AppointmentDto> Handle(BookAppointmentCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        var now = clock.GetUtcNow();
        var details = AppointmentRules.Details(command, calendar, now);

        var confirmedPastGate = await AppointmentRules.PassSafetyGateAsync(db, couple.Id, details.Attendees, command.ConfirmSafety, ct);
        var overlapConfirmed = await AppointmentRules.RequireNoOverlapAsync(db, user.Id, details, null, command.ConfirmOverlap, ct);

        var appointment = Appointment.Book(couple, details, user.Id, now, overlapConfirmed);
        db.Appointments.Add(appointment);
        notices.Booked(appointment, couple);
        audit.Record("appointment.book", "appointment", appointment.Id, couple.Id);
        if (confirmedPastGate)
            audit.Record("appointment.book.safety_confirmed", "appointment", appointment.Id, couple.Id,
                detail: "Joint appointment booked while a safety flag was open or joint sessions were paused.");
        await db.SaveChangesAsync(ct);
        return AppointmentViews.Dto(appointment, couple.DisplayName, null, calendar);
    }
}
