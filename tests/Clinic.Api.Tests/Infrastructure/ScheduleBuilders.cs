using System.Text.Json.Nodes;
using Clinic.Api.Features.Schedules;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Schedules arranged through the API, and the background round run on demand.</summary>
public static class ScheduleBuilders
{
    public static object NewSchedule(Guid partnerId, DateOnly startsOn, string instrument = "CSI-4", int everyWeeks = 2,
        DateOnly? until = null, int? count = 6) =>
        new { partnerId, instrument, everyWeeks, startsOn = startsOn.Iso(), until = until?.Iso(), count = until is null ? count : null };

    public static Task<JsonNode> ScheduleAsync(this ApiClient therapist, JsonNode couple, int partner, DateOnly startsOn,
        string instrument = "CSI-4", int everyWeeks = 2, DateOnly? until = null, int? count = 6) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/measure-schedules",
            NewSchedule(couple.PartnerId(partner), startsOn, instrument, everyWeeks, until, count));

    /// <summary>One round of the scheduler, as the background service runs it; returns how many requests it made.</summary>
    public static async Task<int> RunScheduleRoundAsync(this ClinicApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledRequests>().CreateDueAsync(CancellationToken.None);
    }

    /// <summary>The practice's date now, in the factory's zone (UTC unless the factory sets one).</summary>
    public static DateOnly PracticeToday(this ClinicApiFactory factory) =>
        factory.Services.GetRequiredService<Clinic.Api.Infrastructure.Time.PracticeCalendar>().Today();

    /// <summary>Requests of a schedule as (due, status), oldest first, read straight from the database.</summary>
    public static async Task<List<(DateOnly Due, string Status)>> ScheduledRequestsAsync(this ClinicApiFactory factory, Guid scheduleId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT due_on, status FROM questionnaire_requests WHERE schedule_id = $1 ORDER BY due_on", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = scheduleId });
        var rows = new List<(DateOnly, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetString(1)));
        return rows;
    }
}
