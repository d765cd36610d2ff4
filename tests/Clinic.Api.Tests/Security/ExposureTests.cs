using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

/// <summary>OWASP API3 (property level): clients never receive therapist-only fields, and nobody sets fields they may not.</summary>
public sealed class ExposureTests(ArrangedPracticeFactory factory) : IClassFixture<ArrangedPracticeFactory>
{
    private static readonly string[] TherapistOnlyKeys = ["note", "cycle", "therapistid", "rationale", "risk", "flag", "safety", "presentingconcerns"];

    // Written by the therapist for the couple: the one "note" a client is meant to read.
    // my-data's section holding the cycle map shared with the couple (what GET /api/portal/cycle-map
    // answers; its contents are walked like every other answer).
    private static readonly string[] ClientFacingKeys = ["noteToClients", "cycleMap"];

    [Fact]
    public async Task EveryPortalGet_ForASignedInClient_CarriesNoTherapistOnlyKeys()
    {
        var p = factory.Practice;
        var client = p.Clients[Caller.PartnerX1];
        // Homework both partners work on, with the other partner's shared and private entries in it.
        var assignment = await p.Owner.AssignAsync(p.CoupleX, "taking-turns", "both");
        var today = factory.Today();
        await p.Clients[Caller.PartnerX2].LogAsync(assignment, HomeworkBuilders.TurnsEntry(today, "needing", feltHeard: 4));
        var hidden = await p.Clients[Caller.PartnerX2].LogAsync(assignment, HomeworkBuilders.TurnsEntry(today, "supporting", "private", urgeToFix: 5));
        // A shared cycle map, so the walk reads the portal's map too.
        var mapVersion = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}/cycle-map"))["version"]!.GetValue<int>();
        await p.Owner.SaveMapAsync(p.CoupleX, mapVersion);
        await p.Owner.ShareMapAsync(p.CoupleX);
        // A treatment plan with a goal for each partner, so the walk reads the portal's plan too: never the other
        // partner's goal, a problem statement or an intervention.
        await p.Owner.SavePlanAsync(p.CoupleX, 0, TreatmentPlanBuilders.Goal("Name the cycle together."),
            TreatmentPlanBuilders.Goal("Xena's own goal stays hers.", owner: "partner_b"));
        var urls = EndpointInventory.Routes(factory)
            .Where(r => r.Method == "GET" && r.RawTemplate.StartsWith("/api/portal", StringComparison.Ordinal) && !r.RawTemplate.Contains('{'))
            .Select(r => r.RawTemplate.TrimEnd('/')).Append("/api/me").Append("/api/me/sessions")
            .Append($"/api/portal/homework/{assignment.Id()}/entries").ToList();
        var offending = new List<string>();

        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            var text = await ResponseJson.TextAsync(response);
            Walk(JsonNode.Parse(text), url, offending);
            // The other partner's name, email and the therapist's clinical text never reach this client.
            text.Should().NotContain("Xena").And.NotContain(p.CoupleX["partners"]![1]!["email"]!.GetValue<string>())
                .And.NotContain("Named the cycle together").And.NotContain("Frequent escalation", url)
                .And.NotContain(hidden.Id().ToString(), "the other partner's private entry is theirs alone");
        }

        offending.Should().BeEmpty();
        urls.Should().Contain("/api/portal/homework", "the walk covers the homework list, which now holds an assignment");
        urls.Should().Contain("/api/portal/treatment-plan", "the walk reads the couple's plan as this partner sees it");
        urls.Should().Contain("/api/portal/my-data", "the walk reads the JSON inside the partner's copy of their data too");
    }

    private static void Walk(JsonNode? node, string path, List<string> offending)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (TherapistOnlyKeys.Any(k => key.Contains(k, StringComparison.OrdinalIgnoreCase)) && !ClientFacingKeys.Contains(key))
                        offending.Add($"{path}.{key}");
                    Walk(value, $"{path}.{key}", offending);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", offending);
                break;
        }
    }

    [Fact]
    public async Task CreateCouple_WithTherapistId_Returns400NamingIt()
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Caseload.NewCouple(), ApiClient.Json))!.AsObject();
        body["therapistId"] = Guid.NewGuid();

        var response = await factory.Practice.Owner.PostAsync("/api/couples", body.ToJsonString());

        (await response.ErrorFieldsAsync()).Should().Equal("therapistId");
    }

    [Fact]
    public async Task UpdateCouple_WithTherapistIdOrId_Returns400AndOwnerIsUnchanged()
    {
        var p = factory.Practice;
        var version = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleY.Id()}"))["version"]!.GetValue<uint>();

        var moved = await p.Owner.PatchAsync($"/api/couples/{p.CoupleY.Id()}", new { version, therapistId = Guid.NewGuid() });
        var renamed = await p.Owner.PatchAsync($"/api/couples/{p.CoupleY.Id()}", new { version, id = Guid.NewGuid() });

        (await moved.ErrorFieldsAsync()).Should().Equal("therapistId");
        (await renamed.ErrorFieldsAsync()).Should().Equal("id");
        (await p.Owner.GetAsync($"/api/couples/{p.CoupleY.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateTherapist_WithRoleOrStatus_Returns400NamingIt()
    {
        var admin = factory.Practice.Clients[Caller.Admin];

        var withRole = await admin.PostAsync("/api/admin/therapists", new { email = "r@clinic.test", firstName = "R", lastName = "S", role = "admin" });
        var withStatus = await admin.PostAsync("/api/admin/therapists", new { email = "s@clinic.test", firstName = "R", lastName = "S", status = "active" });

        (await withRole.ErrorFieldsAsync()).Should().Equal("role");
        (await withStatus.ErrorFieldsAsync()).Should().Equal("status");
    }

    [Fact]
    public async Task RecordSession_WithSignedFlagOrCoupleId_Returns400()
    {
        var p = factory.Practice;
        var session = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Caseload.NewSession(p.CoupleX), ApiClient.Json))!.AsObject();
        session["signedAt"] = "2026-11-09T18:00:00Z";

        var response = await p.Owner.PostAsync($"/api/couples/{p.CoupleX.Id()}/sessions", session.ToJsonString());

        (await response.ErrorFieldsAsync()).Should().Equal("signedAt");
    }

    [Fact]
    public async Task ChangePassword_WithUserId_Returns400_AndNothingChanges()
    {
        var p = factory.Practice;
        var response = await p.Clients[Caller.PartnerX2].PostAsync("/api/me/password",
            new { currentPassword = Accounts.Password, newPassword = "another-long-password", userId = p.Clients[Caller.PartnerX1].UserId });

        (await response.ErrorFieldsAsync()).Should().Equal("userId");
        (await p.Clients[Caller.PartnerX2].GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
