using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for couples, sessions and portal accounts, arranged through the API.</summary>
public static class Caseload
{
    public static object NewCouple(string first = "Alex", string second = "Sam") => new
    {
        partners = new[]
        {
            new { firstName = first, lastName = "Reed", email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.test", pronouns = "he/him" },
            new { firstName = second, lastName = "Reed", email = $"{second.ToLowerInvariant()}.{Guid.NewGuid():N}@example.test", pronouns = "she/her" },
        },
        presentingConcerns = "Frequent escalation about chores; withdrawal after conflict.",
        goals = "De-escalate the cycle.",
        startedOn = "2026-11-02",
    };

    public static Task<JsonNode> CreateCoupleAsync(this ApiClient therapist, string first = "Alex", string second = "Sam") =>
        therapist.PostJsonAsync("/api/couples", NewCouple(first, second));

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());
    public static Guid PartnerId(this JsonNode couple, int index) => Guid.Parse(couple["partners"]![index]!["id"]!.GetValue<string>());

    /// <summary>
    /// A session to record. It confirms a paper consent (DESIGN §13's gate) so tests of other rules need not have both partners
    /// sign first; <see cref="SessionUpdate"/> is the same body for a PUT, which has no gate.
    /// </summary>
    public static object NewSession(JsonNode couple, string date = "2026-11-09", int intensityA = 7, int intensityB = 6,
        int stage = 1, int step = 2, string note = "Named the cycle together.") => new
    {
        date, startTime = "17:00", durationMinutes = 50, format = "in_person", attendance = "both", confirmConsent = true,
        eftStage = stage, eftStep = step, note,
        cycle = new
        {
            partners = new object[]
            {
                new { partnerId = couple.PartnerId(0), position = "pursue", intensity = intensityA },
                new { partnerId = couple.PartnerId(1), position = "withdraw", intensity = intensityB },
            },
            episodesSinceLastSession = 3, peakIntensity = 8, repairMinutes = 120,
            triggers = new[] { "chores", "phone" }, markers = new[] { "cycleNamedByCouple" },
        },
    };

    public static object SessionUpdate(JsonNode couple, string date = "2026-11-09", int intensityA = 7, int intensityB = 6,
        int stage = 1, int step = 2, string note = "Named the cycle together.") => new
    {
        date, startTime = "17:00", durationMinutes = 50, format = "in_person", attendance = "both",
        eftStage = stage, eftStep = step, note,
        cycle = new
        {
            partners = new object[]
            {
                new { partnerId = couple.PartnerId(0), position = "pursue", intensity = intensityA },
                new { partnerId = couple.PartnerId(1), position = "withdraw", intensity = intensityB },
            },
            episodesSinceLastSession = 3, peakIntensity = 8, repairMinutes = 120,
            triggers = new[] { "chores", "phone" }, markers = new[] { "cycleNamedByCouple" },
        },
    };

    public static Task<JsonNode> CreateSessionAsync(this ApiClient therapist, JsonNode couple, string date = "2026-11-09",
        int intensityA = 7, int intensityB = 6) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", NewSession(couple, date, intensityA, intensityB));

    /// <summary>Invites a partner and accepts for them; returns the partner's signed-in client.</summary>
    public static async Task<ApiClient> SignedInPartnerAsync(this ApiClient therapist, JsonNode couple, int index)
    {
        var invitation = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(index)}/invitation", null);
        await therapist.Factory.Anonymous().ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/auth/invitations/accept",
            new { token = invitation["invitationToken"]!.GetValue<string>(), password = Accounts.Password });
        var email = couple["partners"]![index]!["email"]!.GetValue<string>();
        return await therapist.Factory.SignInAsync(email, Accounts.Password);
    }
}
