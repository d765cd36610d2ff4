using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Sessions;

public sealed record UpdateSessionCommand(uint? Version, DateOnly? Date, TimeOnly? StartTime, int? DurationMinutes,
    SessionFormat? Format, Attendance? Attendance, int? EftStage, int? EftStep, string? Note, CycleInput? Cycle)
    : IRequest<SessionDto>, ISessionInput
{
    internal Guid Id { get; init; }
}

public sealed class UpdateSessionValidator : AbstractValidator<UpdateSessionCommand>
{
    public UpdateSessionValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        this.AddSessionRules();
    }
}

internal sealed class UpdateSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<UpdateSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(UpdateSessionCommand command, CancellationToken ct)
    {
        var session = await db.OwnedSessionAsync(user, command.Id, ct, tracking: true);
        db.ExpectVersion(session, command.Version, "session");
        var couple = await db.OwnedCoupleAsync(user, session.CoupleId, ct);
        session.Revise(command.Details(), command.CycleFor(couple));
        audit.Record("session.update", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
