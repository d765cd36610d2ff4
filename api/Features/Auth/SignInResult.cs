namespace Clinic.Api.Features.Auth;

public sealed record UserSummaryDto(Guid Id, string Role, string DisplayName);

/// <summary>What login and refresh answer. The refresh token never appears in a body.</summary>
/// <remarks>
/// <c>MfaEnrolmentRequired</c>: the practice requires MFA and this therapist has not enrolled; the
/// token opens only /api/me, logout and /api/me/mfa/enrolment(/confirm). After confirming, call
/// /api/auth/refresh for a full token.
/// <c>PracticeTimeZone</c>: the practice's IANA zone, which every screen writes times in (not the browser's).
/// <c>PracticeToday</c>: the practice's date now (<c>PracticeCalendar.Today</c>), the web app's one "today" — its form
/// defaults and today marks take it from here rather than work it out from the browser's clock.
/// </remarks>
public sealed record AccessTokenDto(string AccessToken, int ExpiresIn, UserSummaryDto User, bool MfaEnrolmentRequired,
    string PracticeTimeZone, DateOnly PracticeToday);

/// <summary>A handler's result: the body plus the refresh token the endpoint puts in the cookie.</summary>
public sealed record SignInResult(AccessTokenDto Body, string RefreshToken, DateTimeOffset RefreshExpiresAt);
