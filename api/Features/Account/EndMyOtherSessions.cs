using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using MediatR;

namespace Clinic.Api.Features.Account;

public sealed record EndMyOtherSessionsCommand : IRequest<EndedSessionsDto>;

public sealed record EndedSessionsDto(int Ended);

/// <summary>
/// "Sign out everywhere else": ends every open session of mine except the one making the request, at once
/// (each request checks its session). Asking again ends nothing more.
/// </summary>
internal sealed class EndMyOtherSessionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<EndMyOtherSessionsCommand, EndedSessionsDto>
{
    public async Task<EndedSessionsDto> Handle(EndMyOtherSessionsCommand command, CancellationToken ct)
    {
        var ended = await SessionRevocation.RevokeAllButAsync(db, user.Id, user.SessionId, clock.GetUtcNow(), "ended_by_user_elsewhere", ct);
        audit.Record("auth.session_end_others", "user", user.Id, null, detail: $"ended={ended}");
        await db.SaveChangesAsync(ct);
        return new EndedSessionsDto(ended);
    }
}
