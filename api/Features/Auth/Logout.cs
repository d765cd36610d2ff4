using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

public sealed record LogoutCommand : IRequest<Unit>;

internal sealed class LogoutHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<LogoutCommand, Unit>
{
    public async Task<Unit> Handle(LogoutCommand command, CancellationToken ct)
    {
        var session = await db.AuthSessions.AsTracking().SingleOrDefaultAsync(s => s.Id == user.SessionId, ct);
        if (session is not null)
        {
            session.Revoke(clock.GetUtcNow(), "logout");
            audit.Record("auth.logout", "session", session.Id, null);
            await db.SaveChangesAsync(ct);
        }
        return Unit.Value;
    }
}
