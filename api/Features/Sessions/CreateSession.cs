using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

public sealed record CreateSessionCommand(DateOnly? Date, TimeOnly? StartTime, int? DurationMinutes, SessionFormat? Format,
    Attendance? Attendance, int? EftStage, int? EftStep, string? Note, CycleInput? Cycle, Guid? AppointmentId = null,
    bool? ConfirmConsent = null, IReadOnlyList<TangoMoveInput>? TangoMoves = null, IReadOnlyList<ExcerptCandidateInput>? ExcerptCandidates = null)
    : IRequest<SessionDto>, ISessionInput
{
    internal Guid CoupleId { get; init; }
}

public sealed class CreateSessionValidator : AbstractValidator<CreateSessionCommand>
{
    public CreateSessionValidator() => this.AddSessionRules();
}

internal sealed class CreateSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<CreateSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(CreateSessionCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        // DESIGN §13: no work before both partners consented, unless the therapist confirms a consent held on paper.
        var confirmedPastConsent = await ConsentGate.RequireConsentAsync(db, couple, command.ConfirmConsent == true, ct);
        var session = Session.Record(couple.Id, command.Details(), command.CycleFor(couple), user.Id, clock.GetUtcNow());
        if (command.AppointmentId is { } appointmentId)
        {
            // From a held appointment: one session per appointment (a second is a 409 from the unique index).
            var status = await db.Appointments.Where(a => a.Id == appointmentId && a.CoupleId == couple.Id)
                .Select(a => (AppointmentStatus?)a.Status).SingleOrDefaultAsync(ct)
                ?? throw new FieldValidationException("appointmentId", "No appointment of this couple has this id.");
            if (status != AppointmentStatus.Held)
                throw new FieldValidationException("appointmentId", "Hold the appointment first: a session is recorded from a held appointment.");
            if (await db.Sessions.AnyAsync(s => s.AppointmentId == appointmentId, ct))
                throw new ConflictException("A session was already recorded from this appointment.");
            session.RecordedFrom(appointmentId);
        }
        db.Sessions.Add(session);
        audit.Record("session.create", "session", session.Id, couple.Id);
        if (confirmedPastConsent)
            audit.Record("session.create.consent_confirmed", "session", session.Id, couple.Id,
                detail: "Session recorded on the therapist's confirmation of a paper consent; both partners' consent is not on record.");
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
