using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for appointments, arranged through the API.</summary>
public static class AppointmentBuilders
{
    /// <summary>A local date-time string in a UTC practice, <paramref name="days"/> days from now at <paramref name="time"/>.</summary>
    public static string Local(this ClinicApiFactory factory, int days, string time = "17:00") =>
        factory.Today().AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + time;

    public static object NewAppointment(string startsAt, string attendees = "both", int durationMinutes = 50, string format = "in_person",
        string? videoLink = null, string noteToClients = "", bool? confirmOverlap = null, bool? confirmSafety = null) =>
        new { startsAt, durationMinutes, attendees, format, videoLink, noteToClients, confirmOverlap, confirmSafety };

    public static Task<JsonNode> BookAsync(this ApiClient therapist, JsonNode couple, string startsAt, string attendees = "both",
        int durationMinutes = 50, string format = "in_person", string? videoLink = null, string noteToClients = "") =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/appointments",
            NewAppointment(startsAt, attendees, durationMinutes, format, videoLink, noteToClients, confirmOverlap: true));

    public static Task<HttpResponseMessage> TryBookAsync(this ApiClient therapist, JsonNode couple, object body) =>
        therapist.PostAsync($"/api/couples/{couple.Id()}/appointments", body);

    public static uint Version(this JsonNode node) => node["version"]!.GetValue<uint>();

    public static Task<HttpResponseMessage> PatchAppointmentAsync(this ApiClient therapist, JsonNode appointment, object body) =>
        therapist.PatchAsync($"/api/appointments/{appointment.Id()}", body);

    public static async Task<JsonNode> CoupleAppointmentsAsync(this ApiClient therapist, JsonNode couple) =>
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/appointments?pageSize=100"))["items"]!;

    public static Task<JsonNode> HoldAsync(this ApiClient therapist, JsonNode appointment) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/appointments/{appointment.Id()}/hold");
}
