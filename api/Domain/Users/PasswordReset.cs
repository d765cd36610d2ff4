namespace Clinic.Api.Domain.Users;

/// <summary>
/// A forgotten-password link: single use, one hour. Only a hash of the token is stored, as for
/// invitations, so a database reader cannot use one.
/// </summary>
public sealed class PasswordReset
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private PasswordReset() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <param name="id">The outbox message that carries the link (one link per message), or a new id.</param>
    public static (PasswordReset Reset, string Token) Issue(Guid userId, DateTimeOffset now, Guid? id = null)
    {
        var reset = new PasswordReset { Id = id ?? Guid.NewGuid(), UserId = userId };
        return (reset, reset.Reissue(now));
    }

    /// <summary>
    /// A new token for the same link: its message is being composed again after a failed send, and the
    /// token composed the first time was never delivered (only its hash was kept).
    /// </summary>
    public string Reissue(DateTimeOffset now)
    {
        if (UsedAt is not null) throw DomainRuleException.Conflict("This reset link was used or replaced.");
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        TokenHash = Invitation.Hash(token);
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
        return token;
    }

    /// <summary>Reset emails an account receives in an hour at most, whoever asks and from wherever (issue 26).</summary>
    public const int MaxPerAccountPerHour = 3;

    public bool IsUsableAt(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now)
    {
        if (!IsUsableAt(now)) throw DomainRuleException.Invalid("token", "This reset link is not valid any more: it was used, has expired or was replaced. Ask for a new one.");
        UsedAt = now;
    }

    /// <summary>Another link was used: this one must not work afterwards.</summary>
    public void Void(DateTimeOffset now) => UsedAt ??= now;
}
