using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

public static class TreatmentPlanBuilders
{
    public static string PlanUrl(this JsonNode couple) => $"/api/couples/{couple.Id()}/treatment-plan";

    public static object Goal(string statement = "Name the cycle together when it starts.", string owner = "couple", object? measure = null,
        string status = "active", Guid? id = null, string? targetDate = "2027-03-01") => new
    {
        id, owner, statement, targetDate, status, measure,
        interventions = new object[] { new { stage = 1, step = 2, text = "Track the cycle in session; reflect each move." } },
    };

    public static object Instrument(string instrument, string subscale, string comparison, double target, string partner = "both") =>
        new { kind = "instrument", instrument, subscale, partner, comparison, target };

    public static object Measure(string kind, string comparison, double target, string partner = "both") =>
        new { kind, partner, comparison, target };

    public static object Plan(int version, params object[] goals) => new
    {
        version, reviewEvery = 6, problemStatements = new[] { "Escalation about chores; Sam withdraws after conflict." }, goals,
    };

    public static Task<JsonNode> SavePlanAsync(this ApiClient therapist, JsonNode couple, int version, params object[] goals) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, couple.PlanUrl(), Plan(version, goals.Length == 0 ? [Goal()] : goals));

    /// <summary>The first goal's progress after saving a plan with one goal measured as given.</summary>
    public static async Task<JsonNode> ProgressAsync(this ApiClient therapist, JsonNode couple, object measure)
    {
        var version = (await therapist.GetJsonAsync(couple.PlanUrl()))["version"]!.GetValue<int>();
        await therapist.SavePlanAsync(couple, version, Goal(measure: measure));
        return (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;
    }
}
