using System.Text.Json.Nodes;
using MimeKit;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>DESIGN §10: no clinical content in any email — no exercise, instrument or partner names, no notes.</summary>
public static partial class EmailPrivacy
{
    /// <summary>Words that would tell a reader more than "you have an appointment" or "something is new".</summary>
    public static readonly string[] ClinicalWords =
    [
        // exercise titles and codes, instruments, safety and clinical vocabulary
        "reach out", "reach-out", "show up", "show-up", "accept support", "accept-support", "needs conversation", "taking turns",
        "taking-turns", "homework", "exercise", "ECR", "CSI", "PHQ", "GAD", "satisfaction", "depress", "questionnaire", "assessment", "check-in", "check in", "safety", "risk",
        "flag", "pursue", "withdraw", "attachment", "cycle", "affair", "session note", "therapy note", "Private:",
    ];

    public static void AssertNothingClinical(MimeMessage message, JsonNode? couple = null)
    {
        var text = WithoutRandomTokens(Everything(message));
        foreach (var word in ClinicalWords)
            text.Should().NotContainEquivalentOf(word, $"'{message.Subject}' must carry no clinical content");
        if (couple is null) return;
        foreach (var partner in couple["partners"]!.AsArray())
        {
            text.Should().NotContain(partner!["firstName"]!.GetValue<string>(), "an email never names a partner");
            text.Should().NotContain(partner["lastName"]!.GetValue<string>(), "an email never names a partner");
        }
    }

    /// <summary>
    /// The text with each random token (a link's base64url secret: 20 or more characters mixing upper case,
    /// lower case and digits) replaced by a marker. A token is random letters, so one in a few hundred spells
    /// "CSI", "gad" or "Risk" by chance (an unsubscribe link failed a test that way); words and slugs are
    /// never mixed-case with digits, so nothing a reader could read is hidden from the check.
    /// </summary>
    public static string WithoutRandomTokens(string text) =>
        RandomToken().Replace(text, m => m.Value.Any(char.IsUpper) && m.Value.Any(char.IsLower) && m.Value.Any(char.IsDigit) ? "[token]" : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z0-9_-]{20,}")]
    private static partial System.Text.RegularExpressions.Regex RandomToken();

    /// <summary>Subject, every text part and every attachment, decoded.</summary>
    public static string Everything(MimeMessage message)
    {
        var parts = new List<string> { message.Subject ?? "" };
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            using var stream = new MemoryStream();
            part.Content?.DecodeTo(stream);
            parts.Add(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        return string.Join("\n", parts);
    }
}
