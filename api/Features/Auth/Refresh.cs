using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

public sealed record RefreshCommand(string? RefreshToken) : IRequest<SignInResult>;

/// <summary>
/// Rotates the refresh token. A token presented twice means it was stolen or replayed: the whole
/// family (the session) is revoked, which also kills every access token naming that session.
/// </summary>
internal sealed class RefreshHandler(ClinicDbContext db, SessionIssuer issuer, AuditTrail audit, PortalAccess portal, TimeProvider clock)
    : IRequestHandler<RefreshCommand, SignInResult>
{
    public async Task<SignInResult> Handle(RefreshCommand command, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(command.RefreshToken)) throw new AuthenticationFailedException();
        var now = clock.GetUtcNow();
        var hash = Invitation.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct)
            ?? throw new AuthenticationFailedException();
        var session = await db.AuthSessions.AsTracking().SingleAsync(s => s.Id == token.SessionId, ct);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == session.UserId, ct);

        // Claim the token atomically: of two racing refreshes with one token, only one wins.
        var claimed = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            session.Revoke(now, "refresh_token_reuse");
            audit.Record("auth.refresh_reuse", "session", session.Id, null, AuditOutcome.Denied, null, user.Id, user.Role);
            await db.SaveChangesAsync(ct);
            throw new AuthenticationFailedException();
        }
        if (!session.IsActiveAt(now) || now >= token.IdleExpiresAt || !user.CanSignIn || await portal.IsClosedForAsync(user, ct))
        {
            audit.Record("auth.refresh", "session", session.Id, null, AuditOutcome.Denied, "session_expired", user.Id, user.Role);
            await db.SaveChangesAsync(ct);
            throw new AuthenticationFailedException();
        }

        var (next, value) = RefreshToken.Issue(session.Id, now, session.ExpiresAt);
        db.RefreshTokens.Add(next);
        session.Touch(now);
        audit.Record("auth.refresh", "session", session.Id, null, AuditOutcome.Allowed, null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        return issuer.Issue(user, session, value, next.IdleExpiresAt);
    }
}
