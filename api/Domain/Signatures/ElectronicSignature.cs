using System.Security.Cryptography;
using System.Text;

namespace Clinic.Api.Domain.Signatures;

/// <summary>
/// A simple electronic signature that holds up (DESIGN §13): the signer's intent (their own name,
/// typed), their consent to sign electronically, a SHA-256 of the exact text they were shown, and when,
/// from where and with what browser. Agreements and releases keep one per partner; a treatment plan
/// (issue 29) keeps them the same way — store the six values in columns named as
/// <c>0280_agreements.sql</c> names them (typed_name, agreed_to_sign_electronically, text_sha256,
/// signed_at, client_address, user_agent).
/// </summary>
public sealed record ElectronicSignature(string TypedName, bool AgreedToSignElectronically, string TextSha256,
    DateTimeOffset SignedAt, string? ClientAddress, string? UserAgent)
{
    public const int MaxTypedName = 200;
    public const int MaxUserAgent = 512;
    public const int MaxClientAddress = 64;

    /// <summary>
    /// Signs <paramref name="shownText"/> for <paramref name="signer"/>. A typed name that is not the signer's
    /// own name (case and accents aside) is a 400 naming <c>typedName</c>; no consent to sign electronically
    /// is a 400 naming <c>agreeToSignElectronically</c>; a <paramref name="expectedSha256"/> sent by the client
    /// that is not the text's (the text changed after it was opened) is a 409.
    /// </summary>
    public static ElectronicSignature Sign(SignatureRequest request, SignerName signer, string shownText, SignerContext context,
        DateTimeOffset now)
    {
        if (request.AgreeToSignElectronically != true)
            throw DomainRuleException.Invalid("agreeToSignElectronically", "Tick the box to agree to sign electronically.");
        var typed = (request.TypedName ?? "").Trim();
        if (typed.Length == 0)
            throw DomainRuleException.Invalid("typedName", "Type your full name to sign.");
        if (!signer.Matches(typed))
            throw DomainRuleException.Invalid("typedName", $"Type your own full name as your therapist has it: {signer.Full}.");
        var hash = Sha256(shownText);
        if (request.TextSha256 is { Length: > 0 } expected && !string.Equals(expected, hash, StringComparison.OrdinalIgnoreCase))
            throw DomainRuleException.Conflict("The text changed since you opened it. Read it again before you sign.");
        return new ElectronicSignature(Clip(typed, MaxTypedName)!, true, hash, now,
            Clip(context.ClientAddress, MaxClientAddress), Clip(context.UserAgent, MaxUserAgent));
    }

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes, exactly as served.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Clip(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>What a signer sends: <c>{ typedName, agreeToSignElectronically: true, textSha256? }</c>.</summary>
public sealed record SignatureRequest(string? TypedName, bool? AgreeToSignElectronically, string? TextSha256 = null);

/// <summary>Where a signature came from: the client address and user agent of the request.</summary>
public sealed record SignerContext(string? ClientAddress, string? UserAgent);

/// <summary>The name a signer must type: their first and last name, compared with case, accents and spacing set aside.</summary>
public sealed record SignerName(string FirstName, string LastName)
{
    public string Full => $"{FirstName.Trim()} {LastName.Trim()}";

    public bool Matches(string typed) => Normalise(typed) == Normalise(Full);

    /// <summary>"  José   ÁLVAREZ " → "jose alvarez": Latin accents folded, lower case, single spaces.</summary>
    public static string Normalise(string name)
    {
        var builder = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name)
        {
            if (c is >= '\u0300' and <= '\u036F') continue; // a combining accent typed separately
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            if (Folded(c) is { } folded) builder.Append(folded);
            else builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    // The app runs with invariant globalization (no ICU), where string.Normalize cannot decompose "é" into "e" + accent,
    // so the Latin letters with accents (Latin-1 Supplement and Latin Extended-A, which cover the names of Western and
    // Central Europe) are folded by this table. With ICU loaded, Normalize(FormD) and dropping NonSpacingMark would
    // replace it; the AnyAscii package would too, for every script.
    private const string Latin1 = "aaaaaa\u0001ceeeeiiiidnooooo\u00d7ouuuuy\u0002\u0003aaaaaa\u0001ceeeeiiiidnooooo\u00f7ouuuuy\u0002y";
    private const string ExtendedA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\u0004\u0004jjkkkllllllllllnnnnnnnnnoooooo\u0005\u0005rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    private static string? Folded(char c)
    {
        var mapped = c switch
        {
            >= '\u00C0' and <= '\u00FF' => Latin1[c - '\u00C0'],
            >= '\u0100' and <= '\u017F' => ExtendedA[c - '\u0100'],
            _ => (char?)null,
        };
        return mapped switch
        {
            null => null,
            '\u0001' => "ae",
            '\u0002' => "th",
            '\u0003' => "ss",
            '\u0004' => "ij",
            '\u0005' => "oe",
            '\u00d7' or '\u00f7' => c.ToString(),
            { } letter => letter.ToString(),
        };
    }
}
