using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Sessions;

public sealed record CreateSessionCommand(DateOnly? Date, TimeOnly? StartTime, int? DurationMinutes, SessionFormat? Format,
    Attendance? Attendance, int? EftStage, int? EftStep, string? Note, CycleInput? Cycle) : IRequest<SessionDto>, ISessionInput
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
        var session = Session.Record(couple.Id, command.Details(), command.CycleFor(couple), user.Id, clock.GetUtcNow());
        db.Sessions.Add(session);
        audit.Record("session.create", "session", session.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
