using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for practice documents, agreements, signatures, forms and releases, arranged through the API.</summary>
public static class AgreementBuilders
{
    public const string ConsentBody = "# Consent to couples therapy\n\nWe work with you **both**.\n";

    /// <summary>Makes sure the practice has one document of each kind (the admin publishes the missing ones).</summary>
    public static async Task PublishDocumentsAsync(this ClinicApiFactory factory)
    {
        var admin = await factory.AdminAsync();
        var existing = (await admin.GetJsonAsync("/api/admin/documents"))["items"]!.AsArray().Select(d => d!.Text("kind")).ToHashSet();
        foreach (var kind in new[] { "consent", "confidentiality_policy", "telehealth_consent", "release" }.Where(k => !existing.Contains(k)))
            await admin.PostJsonAsync("/api/admin/documents", new
            {
                kind, title = $"The {kind.Replace('_', ' ')}", body = kind == "consent" ? ConsentBody : $"# {kind}\n\nPlain words about the {kind}.\n",
            });
    }

    public static Task<JsonNode> SendAgreementAsync(this ApiClient therapist, JsonNode couple, string kind = "consent", string? policy = null) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/agreements", new { documentKind = kind, policy });

    public static Task<JsonNode> AgreementsAsync(this ApiClient therapist, JsonNode couple) =>
        therapist.GetJsonAsync($"/api/couples/{couple.Id()}/agreements");

    /// <summary>The partner's full name as the couple builder makes it ("Alex Reed").</summary>
    public static string FullName(this JsonNode couple, int partner) =>
        $"{couple["partners"]![partner]!.Text("firstName")} {couple["partners"]![partner]!.Text("lastName")}";

    public const string UserAgent = "Mozilla/5.0 (iPhone; Clinic tests)";

    /// <summary>Signs as a phone's browser would (its user agent is part of the signature).</summary>
    public static Task<HttpResponseMessage> SignAsync(this ApiClient client, Guid agreementId, string typedName, bool agree = true) =>
        client.PostAsync($"/api/portal/agreements/{agreementId}/sign", new { typedName, agreeToSignElectronically = agree },
            new Dictionary<string, string> { ["User-Agent"] = UserAgent });

    public static async Task<JsonNode> SignedAsync(this ApiClient client, Guid agreementId, string typedName)
    {
        var response = await client.SignAsync(agreementId, typedName);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonNode> CaseloadRowAsync(this ApiClient therapist, JsonNode couple) =>
        (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray().Single(r => r!["coupleId"]!.GetValue<Guid>() == couple.Id())!;

    /// <summary>A couple whose two partners have portal accounts; returns both clients.</summary>
    public static async Task<(ApiClient A, ApiClient B)> PartnersAsync(this ApiClient therapist, JsonNode couple) =>
        (await therapist.SignedInPartnerAsync(couple, 0), await therapist.SignedInPartnerAsync(couple, 1));
}
