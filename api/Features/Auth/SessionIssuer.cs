using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.Auth;

/// <summary>Starts a session and issues its first token pair; shared by login and MFA completion.</summary>
public sealed class SessionIssuer(ClinicDbContext db, TokenService tokens, TimeProvider clock, IOptions<SecurityOptions> security,
    IHostEnvironment environment, PracticeCalendar calendar)
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

    /// <summary>
    /// Decided afresh on every issue (login and each refresh), so a therapist who enrols gets a
    /// full token from the next refresh, and one whose MFA an admin reset is limited again.
    /// </summary>
    public bool MfaEnrolmentRequired(User user) => !user.TwoFactorEnabled && user.Role switch
    {
        Roles.Therapist => security.Value.RequireMfaForTherapists,
        // An admin holds every account's keys: required by default wherever real people sign in.
        Roles.Admin => security.Value.RequireMfaForAdmins ?? !environment.IsDevelopment(),
        _ => false,
    };

    public SignInResult Issue(User user, AuthSession session, string refreshValue, DateTimeOffset refreshExpiresAt)
    {
        var limited = MfaEnrolmentRequired(user);
        return new(
            new AccessTokenDto(tokens.CreateAccessToken(user, session.Id, limited), (int)tokens.AccessTokenLifetime.TotalSeconds,
                new UserSummaryDto(user.Id, user.Role, user.DisplayName), limited, calendar.Zone.Id, calendar.Today()),
            refreshValue, refreshExpiresAt);
    }
}
