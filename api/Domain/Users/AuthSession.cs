namespace Clinic.Api.Domain.Users;

/// <summary>
/// One signed-in session. Every access token names it, and the API checks it on each request,
/// so revoking it ends the session at once. Its refresh tokens form one rotation family.
/// </summary>
public sealed class AuthSession
{
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);

    private AuthSession() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset LastRefreshedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    public static AuthSession Start(Guid userId, DateTimeOffset now, string? clientAddress, string? userAgent) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, CreatedAt = now, LastRefreshedAt = now,
        ExpiresAt = now + AbsoluteLifetime, ClientAddress = clientAddress,
        UserAgent = userAgent is { Length: > 300 } ? userAgent[..300] : userAgent,
    };

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Touch(DateTimeOffset now) => LastRefreshedAt = now;

    public void Revoke(DateTimeOffset now, string reason)
    {
        if (RevokedAt is not null) return;
        RevokedAt = now;
        RevokedReason = reason;
    }
}

/// <summary>A rotating refresh token; only its hash is stored.</summary>
public sealed class RefreshToken
{
    private RefreshToken() { }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset IdleExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static (RefreshToken Token, string Value) Issue(Guid sessionId, DateTimeOffset now, DateTimeOffset sessionExpiresAt)
    {
        var value = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var idle = now + AuthSession.IdleLifetime;
        return (new RefreshToken
        {
            Id = Guid.NewGuid(), SessionId = sessionId, TokenHash = Invitation.Hash(value), IssuedAt = now,
            IdleExpiresAt = idle < sessionExpiresAt ? idle : sessionExpiresAt,
        }, value);
    }

    public bool WasUsed => UsedAt is not null;
    public void MarkUsed(DateTimeOffset now) => UsedAt = now;
}
