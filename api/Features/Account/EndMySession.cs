using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Account;

public sealed record EndMySessionCommand(Guid Id) : IRequest<Unit>;

/// <summary>Ends one of my sessions (possibly this one). Someone else's session is a 404.</summary>
internal sealed class EndMySessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<EndMySessionCommand, Unit>
{
    public async Task<Unit> Handle(EndMySessionCommand command, CancellationToken ct)
    {
        var session = await db.AuthSessions.AsTracking()
            .SingleOrDefaultAsync(s => s.Id == command.Id && s.UserId == user.Id && s.RevokedAt == null, ct)
            ?? throw new NotFoundException("session", command.Id);
        session.Revoke(clock.GetUtcNow(), "ended_by_user");
        audit.Record("auth.session_end", "session", session.Id, null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
