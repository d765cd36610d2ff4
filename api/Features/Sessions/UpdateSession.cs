using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Sessions;

public sealed record UpdateSessionCommand(uint? Version, DateOnly? Date, TimeOnly? StartTime, int? DurationMinutes,
    SessionFormat? Format, Attendance? Attendance, int? EftStage, int? EftStep, string? Note, CycleInput? Cycle,
    IReadOnlyList<TangoMoveInput>? TangoMoves = null, IReadOnlyList<ExcerptCandidateInput>? ExcerptCandidates = null)
    : IRequest<SessionDto>, ISessionInput, IAcceptsReadBody
{
    internal Guid Id { get; init; }
    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? ReadOnlyMembers { get; init; }
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
        ReadOnlyMemberCheck.Check(command, session.ToDto());
        var couple = await db.OwnedCoupleAsync(user, session.CoupleId, ct);
        session.Revise(command.Details(), command.CycleFor(couple));
        audit.Record("session.update", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
