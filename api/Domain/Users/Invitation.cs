using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.Api.Domain.Users;

public enum InvitationState { Valid, Unknown, Expired, Used, Revoked }

/// <summary>
/// A single-use link that lets a person set their first password. Only a SHA-256 hash of the
/// token is stored, so a database reader cannot accept an invitation.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    private Invitation() { }

    public Guid Id { get; private set; }
    public Guid? UserId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public Guid CreatedBy { get; private set; }

    public static (Invitation Invitation, string Token) ForUser(Guid userId, Guid createdBy, DateTimeOffset now) =>
        Create(userId, null, createdBy, now);

    public static (Invitation Invitation, string Token) ForPartner(Guid partnerId, Guid createdBy, DateTimeOffset now) =>
        Create(null, partnerId, createdBy, now);

    private static (Invitation, string) Create(Guid? userId, Guid? partnerId, Guid createdBy, DateTimeOffset now)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new Invitation
        {
            Id = Guid.NewGuid(), UserId = userId, PartnerId = partnerId, TokenHash = Hash(token),
            CreatedAt = now, ExpiresAt = now + Lifetime, CreatedBy = createdBy,
        }, token);
    }

    public InvitationState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? InvitationState.Used
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Valid;

    public void MarkUsed(DateTimeOffset now) => UsedAt = now;
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>
    /// Ends a pending invitation now, as if its 72 hours had run out: used when the address it was
    /// sent to turns out not to be the partner's. Whoever holds the link then gets the answer any
    /// expired link gets — not "replaced", which would say a newer link exists. An invitation already
    /// used, replaced or expired keeps its state (its outcome is history). The original expiry is
    /// <see cref="CreatedAt"/> + <see cref="Lifetime"/>, so nothing is lost by moving it forward.
    /// </summary>
    /// <returns>Whether this invitation was pending and is now ended.</returns>
    public bool EndEarly(DateTimeOffset now)
    {
        if (StateAt(now) != InvitationState.Valid) return false;
        ExpiresAt = now;
        return true;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
