using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for working hours, free times and booking requests, arranged through the API.</summary>
public static class BookingBuilders
{
    public static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>A PUT /api/me/availability body: the same hours every day unless <paramref name="weekly"/> says otherwise.</summary>
    public static Dictionary<string, object?> Hours(string start = "09:00", string end = "17:00", object[]? weekly = null,
        object[]? exceptions = null, object[]? timeOff = null, int buffer = 10, int horizonDays = 28, int minNoticeHours = 24,
        int jointMinutes = 50, int individualMinutes = 50, bool autoApprove = true, int cancellationWindowHours = 24, uint? version = null) => new()
    {
        ["version"] = version,
        ["weekly"] = weekly ?? EveryDay.Select(day => (object)new { day, start, end }).ToArray(),
        ["exceptions"] = exceptions ?? [],
        ["timeOff"] = timeOff ?? [],
        ["bufferMinutes"] = buffer,
        ["horizonDays"] = horizonDays,
        ["minNoticeHours"] = minNoticeHours,
        ["jointMinutes"] = jointMinutes,
        ["individualMinutes"] = individualMinutes,
        ["autoApprove"] = autoApprove,
        ["cancellationWindowHours"] = cancellationWindowHours,
    };

    public static Task<JsonNode> SetHoursAsync(this ApiClient therapist, Dictionary<string, object?> body) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/availability", body);

    public static async Task<JsonNode> SlotsAsync(this ApiClient partner, DateOnly from, DateOnly to, string attendees = "both") =>
        await partner.GetJsonAsync($"/api/portal/booking/slots?from={Iso(from)}&to={Iso(to)}&attendees={attendees}");

    /// <summary>The local start times ("09:00") of the free times on one practice date.</summary>
    public static IReadOnlyList<string> TimesOn(this JsonNode slots, DateOnly date) =>
        slots["slots"]!.AsArray().Select(s => s!["startsAt"]!.GetValue<string>())
            .Where(s => s.StartsWith(Iso(date), StringComparison.Ordinal)).Select(s => s[11..16]).ToList();

    public static Task<HttpResponseMessage> AskAsync(this ApiClient partner, DateTimeOffset startsAtUtc, string attendees = "both") =>
        partner.PostAsync("/api/portal/booking/requests", new { startsAt = startsAtUtc, attendees });

    public static async Task<JsonNode> AskForAsync(this ApiClient partner, DateTimeOffset startsAtUtc, string attendees = "both")
    {
        var response = await partner.AskAsync(startsAtUtc, attendees);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> ConfirmAsync(this ApiClient partner, JsonNode request) =>
        partner.PostAsync($"/api/portal/booking/requests/{request.Id()}/confirm");

    public static string Status(this JsonNode node) => node["status"]!.GetValue<string>();

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant of a London wall-clock time.</summary>
    public static DateTimeOffset London(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, LondonZone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static readonly TimeZoneInfo LondonZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}

/// <summary>A practice in London with a mail sink: booking emails and their calendar files are read as delivered.</summary>
public sealed class LondonEmailFactory : EmailApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Practice:TimeZone", "Europe/London");
    }
}
