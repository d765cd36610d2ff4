using System.Buffers.Binary;
using System.Security.Cryptography;
using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Mfa;

/// <summary>
/// RFC 6238 authenticator codes (HMAC-SHA1, 30 s steps, 6 digits) with the window the issue asks
/// for: the current step and one either side (Identity's <see cref="AuthenticatorTokenProvider{TUser}"/>
/// allows two, and any number of reuses). A step, once accepted, is spent: the last accepted step is
/// stored per user and moved forward atomically, so a code seen over someone's shoulder, or sent
/// twice at once, signs in once (RFC 6238 section 5.2). Key generation stays with Identity.
/// </summary>
/// <remarks>
/// Otp.NET would replace <see cref="Code"/> and the Base32 decoding; it is not in this package source.
/// </remarks>
internal sealed class TotpTokenProvider(TimeProvider clock, ClinicDbContext db) : AuthenticatorTokenProvider<User>
{
    public const int StepSeconds = 30;
    public const int AllowedSkewSteps = 1;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var secret = Base32Decode(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now + AllowedSkewSteps; step >= now - AllowedSkewSteps; step--)
        {
            if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)),
                    System.Text.Encoding.ASCII.GetBytes(token))) continue;
            // Only a step later than the last one accepted counts; the WHERE makes two racing requests agree.
            var spent = await db.Users.Where(u => u.Id == user.Id && (u.MfaLastStep == null || u.MfaLastStep < step))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.MfaLastStep, step));
            return spent == 1;
        }
        return false;
    }

    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as Identity writes authenticator keys (upper case, no padding).</summary>
    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new byte[clean.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException("The authenticator key is not base32.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bytes[index++] = (byte)(buffer >> (bits - 8));
            bits -= 8;
        }
        return bytes;
    }
}
