using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Security;

namespace Clinic.Api.Tests.Contract;

/// <summary>
/// Issue 26: a GET's body sent back to its PUT works — every pair found in the app's own routes, so a pair
/// added later is checked too. Read-only members (ids, times, <c>timeZone</c>) are ignored when unchanged.
/// The caller and ids come from the authorization matrix's row for the PUT.
/// </summary>
public sealed class RoundTripTests(ArrangedPracticeFactory factory) : IClassFixture<ArrangedPracticeFactory>
{
    /// <summary>Reviewed: a PUT whose GET at the same path answers something else than the record it writes.</summary>
    private static readonly string[] NotARoundTrip =
    [
        "PUT /api/me/session-drafts", // GET lists my kept notes; PUT keeps one
        "PUT /{}", // the web app's deep links: GET serves index.html, a write there is a 404
    ];

    private static readonly Caller[] Preference =
        [Caller.Owner, Caller.Admin, Caller.PartnerX1, Caller.PartnerX2, Caller.PartnerY, Caller.OtherTherapist];

    [Fact]
    public async Task EveryPut_AcceptsTheBodyItsGetReturned()
    {
        var routes = EndpointInventory.Routes(factory);
        var gets = routes.Where(r => r.Method == "GET").Select(r => EndpointInventory.Shape(r.RawTemplate)).ToHashSet();
        var pairs = routes.Where(r => r.Method == "PUT" && gets.Contains(EndpointInventory.Shape(r.RawTemplate)))
            .Select(r => r.Key).Where(k => !NotARoundTrip.Contains(k)).ToList();
        var failures = new List<string>();

        foreach (var key in pairs)
        {
            var row = AuthorizationMatrixTests.Rows.Single(r => r.Key == key);
            var caller = Preference.First(c => row.Expected[c] is >= 200 and < 300);
            var client = factory.Practice.Clients[caller];
            var ids = await AuthorizationMatrixTests.ResolveAsync(factory.Practice, row.Template);
            var url = Regex.Replace(row.Template, @"\{([^{}]+)\}", m => ids[m.Groups[1].Value]);
            // A record that has been written once, so its GET carries every member (a version, times).
            if (row.Body is not null)
                await client.SendAsync(HttpMethod.Put, url, await row.Body(factory.Practice, ids, caller));
            var read = await client.GetJsonAsync(url);

            var response = await client.SendAsync(HttpMethod.Put, url, read.ToJsonString());

            if (!response.IsSuccessStatusCode)
                failures.Add($"{key} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        pairs.Should().Contain(["PUT /api/portal/notification-preferences", "PUT /api/sessions/{}", "PUT /api/couples/{}/cycle-map",
            "PUT /api/admin/practice"]);
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task NotificationPreferences_TheGetsBodyGoesBack_AndAChangedTimeZoneIs400NamingIt()
    {
        var client = factory.Practice.Clients[Caller.PartnerY];
        var read = await client.GetJsonAsync("/api/portal/notification-preferences");
        read["homeworkNudges"] = false;

        var saved = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/portal/notification-preferences", read.ToJsonString());
        read["timeZone"] = "Pacific/Auckland";
        var changed = await client.PutAsync("/api/portal/notification-preferences", read.ToJsonString());
        read.AsObject().Remove("timeZone");
        read["colour"] = "blue";
        var unknown = await client.PutAsync("/api/portal/notification-preferences", read.ToJsonString());

        saved["homeworkNudges"]!.GetValue<bool>().Should().BeFalse();
        (await changed.ErrorFieldsAsync()).Should().Equal("timeZone");
        (await unknown.ErrorFieldsAsync()).Should().Equal("colour");
    }

    [Fact]
    public async Task Session_TheGetsBodyGoesBack_AndAChangedIdIs400NamingIt()
    {
        var owner = factory.Practice.Owner;
        var session = await factory.Practice.NewSessionOfXAsync();
        var read = await owner.GetJsonAsync($"/api/sessions/{session.Id()}");
        read["note"] = "Revised after supervision.";

        var saved = await owner.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/sessions/{session.Id()}", read.ToJsonString());
        saved["coupleId"] = Guid.NewGuid().ToString();
        var moved = await owner.PutAsync($"/api/sessions/{session.Id()}", saved.ToJsonString());

        saved["note"]!.GetValue<string>().Should().Be("Revised after supervision.");
        (await moved.ErrorFieldsAsync()).Should().Equal("coupleId");
    }
}
