using System.Security.Cryptography;
using System.Text;

namespace Clinic.Api.Domain.Users;

/// <summary>
/// A one-time MFA recovery code. Only its SHA-256 hash is stored: the codes are 50 random bits
/// each, so a fast hash is enough (there is nothing to brute-force offline that login's lockout
/// does not already limit online).
/// </summary>
public sealed class RecoveryCode
{
    public const int CountPerEnrolment = 10;
    // Crockford-like alphabet without look-alikes (0/O, 1/I/L), readable over the phone.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private RecoveryCode() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>Ten fresh codes: the entities to store and the plain values shown to the user once.</summary>
    public static (IReadOnlyList<RecoveryCode> Codes, IReadOnlyList<string> Values) Generate(Guid userId, DateTimeOffset now)
    {
        var values = Enumerable.Range(0, CountPerEnrolment).Select(_ => NewValue()).ToList();
        var codes = values.Select(v => new RecoveryCode { Id = Guid.NewGuid(), UserId = userId, CodeHash = Hash(v), CreatedAt = now })
            .ToList();
        return (codes, values);
    }

    /// <summary>Codes are shown as XXXXX-XXXXX; spaces, dashes and case do not matter when typed back.</summary>
    public static string Normalise(string typed) =>
        new(typed.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(value))));

    private static string NewValue()
    {
        var chars = Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
    }
}
