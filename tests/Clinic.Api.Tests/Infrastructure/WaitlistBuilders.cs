using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for the waitlist (DESIGN §16), arranged through the API.</summary>
public static partial class WaitlistBuilders
{
    /// <summary>A POST /api/waitlist body; each call has fresh addresses, so a test's emails are its own.</summary>
    public static Dictionary<string, object?> NewEntry(string first = "Robin", string second = "Kai", string urgency = "soon",
        string reason = "Referred by their GP", string notes = "Evenings are easier; call before 18:00.")
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        return new()
        {
            ["partnerA"] = new { firstName = first, lastName = "Hale", email = $"{first.ToLowerInvariant()}.{tag}@example.org", phone = "+44 20 7946 0101" },
            ["partnerB"] = new { firstName = second, lastName = "Moreno", email = $"{second.ToLowerInvariant()}.{tag}@example.org", phone = (string?)null },
            ["heardFrom"] = "GP referral",
            ["preferredDays"] = new[] { "tuesday", "thursday" },
            ["preferredTimes"] = new[] { "evening" },
            ["urgency"] = urgency,
            ["reason"] = reason,
            ["notes"] = notes,
        };
    }

    public static Task<JsonNode> AddToWaitlistAsync(this ApiClient therapist, Dictionary<string, object?>? body = null) =>
        therapist.PostJsonAsync("/api/waitlist", body ?? NewEntry());

    public static Task<HttpResponseMessage> OfferAsync(this ApiClient therapist, JsonNode entry, string startsAt, object? extra = null) =>
        therapist.PostAsync($"/api/waitlist/{entry.Id()}/offer", extra ?? new { startsAt });

    public static async Task<JsonNode> OfferedAsync(this ApiClient therapist, JsonNode entry, string startsAt, string? policy = null)
    {
        var response = await therapist.OfferAsync(entry, startsAt, new { startsAt, policy });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static string PartnerEmail(this JsonNode entry, string partner) => entry[partner]!["email"]!.GetValue<string>();

    /// <summary>The offer emails sent to one partner of the entry, oldest first.</summary>
    public static Task<IReadOnlyList<MimeMessage>> OfferEmailsAsync(this EmailApiFactory factory, JsonNode entry, string partner = "partnerA",
        int count = 1) =>
        factory.Mail.WaitForAsync(entry.PartnerEmail(partner), count, m => m.Subject!.Contains("first appointment"));

    /// <summary>The token of the accept link in an offer email.</summary>
    public static string AcceptToken(MimeMessage message) => AcceptLink().Match(message.TextBody!).Groups[1].Value;

    public static Task<HttpResponseMessage> AcceptOfferAsync(this ClinicApiFactory factory, string token) =>
        factory.Anonymous().PostAsync("/api/waitlist/offers/accept", new { token });

    [GeneratedRegex(@"/waitlist/accept\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex AcceptLink();
}
