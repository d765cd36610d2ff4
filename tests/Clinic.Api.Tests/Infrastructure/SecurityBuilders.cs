using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>An authenticator app in a few lines (RFC 6238, SHA-1, 6 digits, 30 s), and MFA arrangements.</summary>
public static class SecurityBuilders
{
    public static string TotpCode(string sharedKey, DateTimeOffset at)
    {
        var key = Base32Decode(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    public static string TotpNow(string sharedKey) => TotpCode(sharedKey, DateTimeOffset.UtcNow);

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8) { bytes.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return bytes.ToArray();
    }

    /// <summary>Enrols and confirms TOTP for the signed-in caller; returns the shared key and recovery codes.</summary>
    public static async Task<(string SharedKey, IReadOnlyList<string> RecoveryCodes)> EnrolMfaAsync(this ApiClient client)
    {
        var enrolment = await client.PostJsonAsync("/api/me/mfa/enrolment", null, System.Net.HttpStatusCode.OK);
        var key = enrolment["sharedKey"]!.GetValue<string>();
        var confirmed = await client.PostJsonAsync("/api/me/mfa/enrolment/confirm", new { code = TotpNow(key) }, System.Net.HttpStatusCode.OK);
        return (key, confirmed["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList());
    }

    public static async Task<JsonArray> MySessionsAsync(this ApiClient client) =>
        (await client.GetJsonAsync("/api/me/sessions")).AsArray();
}
