using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders for supervision (issue 34), arranged through the admin's and the therapists' API.</summary>
public static class SupervisionBuilders
{
    /// <summary>A signed-in therapist whom the admin has given the supervisor capability.</summary>
    public static async Task<ApiClient> SignedInSupervisorAsync(this ClinicApiFactory factory)
    {
        var (id, email) = await factory.CreateTherapistAsync();
        await (await factory.AdminAsync()).ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/admin/therapists/{id}", new { supervisor = true });
        return await factory.SignInAsync(email, Accounts.Password);
    }

    /// <summary>The admin links <paramref name="supervisee"/> to <paramref name="supervisor"/> from a month ago, open-ended.</summary>
    public static async Task<JsonNode> LinkAsync(this ClinicApiFactory factory, ApiClient supervisee, ApiClient supervisor, bool trainee = true,
        DateOnly? startsOn = null) =>
        await (await factory.AdminAsync()).PostJsonAsync("/api/admin/supervision", new
        {
            superviseeId = supervisee.UserId, supervisorId = supervisor.UserId,
            startsOn = (startsOn ?? factory.PracticeToday().AddDays(-30)).Iso(), trainee,
        });

    /// <summary>Ends the link yesterday: from today the supervisor reads nothing of the supervisee's.</summary>
    public static async Task<JsonNode> EndLinkAsync(this ClinicApiFactory factory, JsonNode link) =>
        await (await factory.AdminAsync()).ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/admin/supervision/{link.Id()}",
            new { version = link["version"]!.GetValue<uint>(), endsOn = factory.PracticeToday().AddDays(-1).Iso() });

    /// <summary>Records a session and signs it; returns the signed session.</summary>
    public static async Task<JsonNode> SignedSessionAsync(this ApiClient therapist, JsonNode couple, string date = "2026-11-09")
    {
        var session = await therapist.CreateSessionAsync(couple, date);
        return await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() },
            HttpStatusCode.OK);
    }
}
