using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>
/// The one-click unsubscribe link in a reminder works without signing in, so it carries its own
/// proof: the partner and the reminder it stops, signed with a key derived from the app's signing
/// key (HMAC-SHA256). It never expires: an old email's link still stops the reminders.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<JwtOptions> jwt)
{
    private const int MacBytes = 16;
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey),
        Encoding.UTF8.GetBytes("clinic/unsubscribe/v1"));

    public string Create(Guid partnerId, ReminderChoice choice)
    {
        var payload = Payload(partnerId, choice);
        var mac = HMACSHA256.HashData(_key, payload)[..MacBytes];
        return Base64Url.EncodeToString([.. payload, .. mac]);
    }

    public bool TryRead(string? token, out Guid partnerId, out ReminderChoice choice)
    {
        partnerId = Guid.Empty;
        choice = default;
        if (string.IsNullOrEmpty(token) || token.Length > 100) return false;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(token); }
        catch (FormatException) { return false; }
        if (bytes.Length != 17 + MacBytes || !Enum.IsDefined(typeof(ReminderChoice), (int)bytes[16])) return false;
        var payload = bytes[..17];
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload)[..MacBytes], bytes[17..])) return false;
        partnerId = new Guid(payload[..16]);
        choice = (ReminderChoice)payload[16];
        return true;
    }

    private static byte[] Payload(Guid partnerId, ReminderChoice choice) => [.. partnerId.ToByteArray(), (byte)choice];
}
