using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for homework assignments and entries, arranged through the API.</summary>
public static class HomeworkBuilders
{
    public static DateOnly Today(this ClinicApiFactory factory) => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd");

    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static object NewAssignment(DateOnly startsOn, DateOnly dueOn, string exerciseCode = "reach-out",
        string assignedTo = "partner_a", int targetPerWeek = 3, string note = "Try it when things are calm.", Guid? sessionId = null) =>
        new { exerciseCode, assignedTo, startsOn = startsOn.Iso(), dueOn = dueOn.Iso(), targetPerWeek, note, sessionId };

    /// <summary>Assigns an exercise running from a week ago to two weeks ahead.</summary>
    public static Task<JsonNode> AssignAsync(this ApiClient therapist, JsonNode couple, string exerciseCode = "reach-out",
        string assignedTo = "partner_a", int targetPerWeek = 3, DateOnly? startsOn = null, DateOnly? dueOn = null)
    {
        var today = therapist.Factory.Today();
        return therapist.PostJsonAsync($"/api/couples/{couple.Id()}/homework",
            NewAssignment(startsOn ?? today.AddDays(-7), dueOn ?? today.AddDays(14), exerciseCode, assignedTo, targetPerWeek));
    }

    public static Dictionary<string, object?> ReachOutFields() => new()
    {
        ["need"] = "reassurance", ["askedDirectly"] = true, ["fearBefore"] = 6,
        ["understood"] = 4, ["validated"] = 4, ["caredFor"] = 5, ["feltSecurityAfter"] = 4,
    };

    public static object ReachOutEntry(DateOnly occurredOn, string visibility = "shared", Dictionary<string, object?>? fields = null,
        string? role = null) =>
        new { occurredOn = occurredOn.Iso(), role, visibility, fields = fields ?? ReachOutFields() };

    public static object TurnsEntry(DateOnly occurredOn, string role, string visibility = "shared", int? feltHeard = null,
        int? urgeToFix = null) =>
        new
        {
            occurredOn = occurredOn.Iso(), role, visibility,
            fields = new Dictionary<string, object?> { ["minutes"] = 20, ["rolesSwapped"] = true, ["feltHeard"] = feltHeard, ["urgeToFix"] = urgeToFix },
        };

    public static Task<JsonNode> LogAsync(this ApiClient client, JsonNode assignment, object entry) =>
        client.PostJsonAsync($"/api/portal/homework/{assignment.Id()}/entries", entry);

    public static Task<HttpResponseMessage> PostEntryAsync(this ApiClient client, Guid assignmentId, object entry, string? key = null) =>
        client.PostAsync($"/api/portal/homework/{assignmentId}/entries", entry,
            key is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = key });

    public static async Task<long> CountEntriesAsync(this ClinicApiFactory factory, Guid assignmentId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM homework_entries WHERE assignment_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = assignmentId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Closes the couple on its own route (issue 29) with a reason and a summary; returns the couple as closed.</summary>
    public static Task<JsonNode> CloseCoupleAsync(this ApiClient therapist, JsonNode couple, uint? version = null,
        bool confirmSafety = false) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/couples/{couple.Id()}/close",
            new { version = version ?? couple["version"]!.GetValue<uint>(), reason = "mutual_decision", summary = "Goals reviewed; closing by agreement.", confirmSafety });

    public static Task<ApiClient> SignInAgainAsync(this ClinicApiFactory factory, JsonNode couple, int index) =>
        factory.SignInAsync(couple["partners"]![index]!["email"]!.GetValue<string>(), Accounts.Password);
}
