using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;

namespace Clinic.Api.Features.Auth;

/// <summary>Starts a session and issues its first token pair; shared by login and MFA completion.</summary>
public sealed class SessionIssuer(ClinicDbContext db, TokenService tokens, TimeProvider clock)
{
    public SignInResult Start(User user, string? clientAddress, string? userAgent)
    {
        var now = clock.GetUtcNow();
        var session = AuthSession.Start(user.Id, now, clientAddress, userAgent);
        var (refresh, value) = RefreshToken.Issue(session.Id, now, session.ExpiresAt);
        db.AuthSessions.Add(session);
        db.RefreshTokens.Add(refresh);
        return Issue(user, session, value, refresh.IdleExpiresAt);
    }

    public SignInResult Issue(User user, AuthSession session, string refreshValue, DateTimeOffset refreshExpiresAt) => new(
        new AccessTokenDto(tokens.CreateAccessToken(user, session.Id), (int)JwtOptions.AccessTokenLifetime.TotalSeconds,
            new UserSummaryDto(user.Id, user.Role, user.DisplayName)),
        refreshValue, refreshExpiresAt);
}
