using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for check-ins, flags and risk records, arranged through the API.</summary>
public static class SafetyBuilders
{
    public static Dictionary<string, object?> SafeAnswers(string? freeText = null) => new()
    {
        ["safeAtHome"] = "yes",
        ["hurtThreatenedFrightened"] = "never",
        ["afraidToSpeakInJointSessions"] = "no",
        ["anythingElse"] = freeText,
    };

    public static Dictionary<string, object?> AnswersWith(string item, string answer)
    {
        var answers = SafeAnswers();
        answers[item] = answer;
        return answers;
    }

    public static Task<JsonNode> SafetyAsync(this ApiClient therapist, JsonNode couple) =>
        therapist.GetJsonAsync($"/api/couples/{couple.Id()}/safety");

    public static async Task<Guid> MyPendingCheckInIdAsync(this ApiClient client)
    {
        var list = await client.GetJsonAsync("/api/portal/check-ins");
        return Guid.Parse(list["items"]![0]!["id"]!.GetValue<string>());
    }

    public static async Task AnswerMyCheckInAsync(this ApiClient client, object answers) =>
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post,
            $"/api/portal/check-ins/{await client.MyPendingCheckInIdAsync()}", new { answers });

    /// <summary>The pending check-in id of a partner, as the therapist sees it.</summary>
    public static async Task<Guid> PendingCheckIdAsync(this ApiClient therapist, JsonNode couple, int partner)
    {
        var safety = await therapist.SafetyAsync(couple);
        return Guid.Parse(safety["checks"]!.AsArray()
            .First(c => c!["partnerId"]!.GetValue<string>() == couple.PartnerId(partner).ToString()
                        && c["status"]!.GetValue<string>() == "pending")!["id"]!.GetValue<string>());
    }

    public static object RiskRecord(uint? version = null, bool paused = false, string violence = "none",
        string selfHarmRisk = "none", string planNotes = "") =>
        new { version, violence, substanceMisuse = false, selfHarmRisk, jointSessionsPaused = paused, planNotes };

    public static Task<JsonNode> PutRiskRecordAsync(this ApiClient therapist, JsonNode couple, int partner, object body) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put,
            $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(partner)}/risk-record", body);

    /// <summary>A couple whose first partner has answered a check-in that raised a flag; returns the flag.</summary>
    public static async Task<JsonNode> RaiseFlagAsync(this ApiClient therapist, JsonNode couple, ApiClient partner)
    {
        await partner.AnswerMyCheckInAsync(AnswersWith("afraidToSpeakInJointSessions", "yes"));
        return (await therapist.SafetyAsync(couple))["flags"]![0]!;
    }

    public static async Task<JsonNode> AuditAsync(this ClinicApiFactory factory, JsonNode couple, string action) =>
        await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}&action={action}&pageSize=100");
}
