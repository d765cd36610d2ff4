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

    /// <summary>The code for the API's clock, <paramref name="steps"/> 30 s steps from now.</summary>
    public static string Totp(this ClinicApiFactory factory, string sharedKey, int steps = 0) =>
        TotpCode(sharedKey, factory.Clock.GetUtcNow().AddSeconds(30 * steps));

    /// <summary>
    /// Waits out the last seconds of a 30 s step, so codes computed here for "now ± n steps" mean
    /// the same steps when the API checks them a moment later.
    /// </summary>
    public static async Task AwayFromStepBoundaryAsync(this ClinicApiFactory factory)
    {
        var intoStep = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds() % 30_000;
        if (intoStep > 25_000) await Task.Delay(TimeSpan.FromMilliseconds(30_000 - intoStep + 200));
    }

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
    public static async Task<(string SharedKey, IReadOnlyList<string> RecoveryCodes)> EnrolMfaAsync(this ApiClient client,
        string password = Accounts.Password)
    {
        var enrolment = await client.PostJsonAsync("/api/me/mfa/enrolment", new { currentPassword = password }, System.Net.HttpStatusCode.OK);
        var key = enrolment["sharedKey"]!.GetValue<string>();
        var confirmed = await client.PostJsonAsync("/api/me/mfa/enrolment/confirm", new { code = client.Factory.Totp(key) },
            System.Net.HttpStatusCode.OK);
        return (key, confirmed["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList());
    }

    public static async Task<JsonArray> MySessionsAsync(this ApiClient client) =>
        (await client.GetJsonAsync("/api/me/sessions")).AsArray();
}
