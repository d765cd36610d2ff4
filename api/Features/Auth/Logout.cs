using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

/// <summary>
/// Ends the session named by the refresh cookie and the one named by the bearer token, whichever are
/// present. Neither needs to be live: the web app signs out after a quiet spell, when its access
/// token has long expired, and a session left open by a failed sign-out would let Back or a reopened
/// tab sign the person straight back in (on a shared device, into the client portal).
/// </summary>
public sealed record LogoutCommand : IRequest<Unit>
{
    internal string? RefreshToken { get; init; }
    internal string? AccessToken { get; init; }
}

internal sealed class LogoutHandler(ClinicDbContext db, ICurrentUser user, TokenService tokens, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<LogoutCommand, Unit>
{
    public async Task<Unit> Handle(LogoutCommand command, CancellationToken ct)
    {
        var named = new HashSet<Guid>();
        if (user.IsAuthenticated) named.Add(user.SessionId);
        else if (command.AccessToken is { Length: > 0 } access && await tokens.SessionNamedByAsync(access) is { } fromToken)
            named.Add(fromToken);
        if (command.RefreshToken is { Length: > 0 } refresh)
        {
            var hash = Invitation.Hash(refresh);
            var fromCookie = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.SessionId).SingleOrDefaultAsync(ct);
            if (fromCookie is { } id) named.Add(id);
        }
        if (named.Count == 0) return Unit.Value;

        var now = clock.GetUtcNow();
        var sessions = await db.AuthSessions.AsTracking().Where(s => named.Contains(s.Id) && s.RevokedAt == null)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, u.Role })
            .ToListAsync(ct);
        foreach (var open in sessions)
        {
            open.Session.Revoke(now, "logout");
            audit.Record("auth.logout", "session", open.Session.Id, null, userId: open.Session.UserId, role: open.Role);
        }
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
