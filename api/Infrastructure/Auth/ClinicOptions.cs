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

public sealed class LoginRateLimitOptions
{
    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int PermitsPerMinute { get; set; } = 10;
}

public sealed class SecurityOptions
{
    /// <summary>When true, therapists must enrol TOTP before they can sign in fully.</summary>
    public bool RequireMfaForTherapists { get; set; }
}
