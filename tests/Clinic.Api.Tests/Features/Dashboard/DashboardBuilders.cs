using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Dashboard;

internal static class DashboardBuilders
{
    public static DateOnly Today(this ClinicApiFactory factory) => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd");

    public static Task<JsonNode> SessionAsync(this ApiClient therapist, JsonNode couple, DateOnly date, int a, int b,
        int stage = 1, int step = 2) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, date.Iso(), a, b, stage, step));

    public static Task<JsonNode> AssignAsync(this ApiClient therapist, JsonNode couple, string exercise, string assignedTo,
        DateOnly startsOn, DateOnly dueOn, int targetPerWeek) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/homework", new
        {
            exerciseCode = exercise, assignedTo, startsOn = startsOn.Iso(), dueOn = dueOn.Iso(), targetPerWeek,
            note = "Try this when things feel calm.", sessionId = (Guid?)null,
        });

    public static Task<JsonNode> TakingTurnsAsync(this ApiClient client, JsonNode assignment, DateOnly on, string role,
        int feltHeard = 4) =>
        client.PostJsonAsync($"/api/portal/homework/{assignment.Id()}/entries", new
        {
            occurredOn = on.Iso(), role, visibility = "shared",
            fields = new { minutes = 20, rolesSwapped = true, feltHeard, urgeToFix = 3 },
        });

    public static object Ecr(int avoidanceItems, int anxietyItems) => new Dictionary<string, int>
    {
        // Items 1–4 are reverse-keyed: answering 8 − x gives an avoidance score of x on every item.
        ["ecrrs-1"] = 8 - avoidanceItems, ["ecrrs-2"] = 8 - avoidanceItems, ["ecrrs-3"] = 8 - avoidanceItems,
        ["ecrrs-4"] = 8 - avoidanceItems, ["ecrrs-5"] = avoidanceItems, ["ecrrs-6"] = avoidanceItems,
        ["ecrrs-7"] = anxietyItems, ["ecrrs-8"] = anxietyItems, ["ecrrs-9"] = anxietyItems,
    };

    public static Task<JsonNode> AssessAsync(this ApiClient therapist, JsonNode couple, int partner, DateOnly on, int avoidance, int anxiety) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/assessments", new
        {
            partnerId = couple.PartnerId(partner), instrument = "ECR-RS", administeredOn = on.Iso(), responses = Ecr(avoidance, anxiety),
        });

    public static async Task<JsonNode> CaseloadAsync(this ApiClient therapist) => await therapist.GetJsonAsync("/api/dashboard/caseload");

    public static JsonNode RowOf(this JsonNode dashboard, JsonNode couple) =>
        dashboard["rows"]!.AsArray().Single(r => r!["coupleId"]!.GetValue<string>() == couple.Id().ToString())!;

    public static IReadOnlyList<string> AlertCodes(this JsonNode row) =>
        row["alerts"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToList();

    public static Task ExpectStatusAsync(this ApiClient client, HttpMethod method, string url, HttpStatusCode status, object? body = null) =>
        client.ExpectAsync(status, method, url, body);
}
