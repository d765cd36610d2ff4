namespace Clinic.Api.Infrastructure.Auth;

public sealed class JwtOptions
{
    public const string Issuer = "clinic";
    public const string Audience = "clinic-api";

    /// <summary>HMAC key, at least 32 bytes. Required outside Development.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// How long an access token lives (default 10). Fractions are allowed, so a browser journey can
    /// watch a token expire in seconds; a session outlives its tokens through the refresh cookie.
    /// </summary>
    public double AccessTokenMinutes { get; set; } = 10;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);
}

public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// Clinic:LoginRateLimit — limits on sign-in and on everything else that checks a credential, each
/// with its own budget, so refreshing tokens never spends a colleague's sign-ins.
/// </summary>
public sealed class LoginRateLimitOptions
{
    /// <summary>Sign-in attempts (right or wrong) per client address per minute.</summary>
    public int PermitsPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins per account (the email as typed, known or not) per failure window.</summary>
    public int FailedPerAccount { get; set; } = 10;

    /// <summary>Failed sign-ins per client address, across accounts, per failure window.</summary>
    public int FailedPerAddress { get; set; } = 30;

    public int FailureWindowMinutes { get; set; } = 15;

    /// <summary>Token refreshes and sign-outs per client address per minute: every open tab refreshes.</summary>
    public int RefreshesPerMinute { get; set; } = 300;

    /// <summary>Single-use links per client address per minute: invitations accepted, password reset links asked for and redeemed.</summary>
    public int LinksPerMinute { get; set; } = 10;

    /// <summary>Password and code checks per signed-in user per minute: password change, MFA enrolment, MFA off.</summary>
    public int CredentialChecksPerMinute { get; set; } = 10;

    /// <summary>
    /// Writes to the portal (any POST, PUT, PATCH or DELETE under /api/portal) per signed-in user per minute:
    /// generous for a partner, a wall for a script (issue 26).
    /// </summary>
    public int PortalWritesPerMinute { get; set; } = 60;

    public TimeSpan FailureWindow => TimeSpan.FromMinutes(FailureWindowMinutes);

    public bool IsValid => new[] { PermitsPerMinute, FailedPerAccount, FailedPerAddress, FailureWindowMinutes, RefreshesPerMinute,
        LinksPerMinute, CredentialChecksPerMinute, PortalWritesPerMinute }.All(v => v > 0);
}

public sealed class SecurityOptions
{
    /// <summary>When true, therapists must enrol TOTP before they can sign in fully.</summary>
    public bool RequireMfaForTherapists { get; set; }

    /// <summary>When true, admins must enrol TOTP before they can sign in fully. Unset: on outside Development.</summary>
    public bool? RequireMfaForAdmins { get; set; }
}
