using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Sessions;

public sealed class SessionsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CreateSession_StoresTheCycleRecordAndReadsItBack()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var created = await therapist.CreateSessionAsync(couple, intensityA: 7, intensityB: 6);
        var read = await therapist.GetJsonAsync($"/api/sessions/{created.Id()}");

        read["startTime"]!.GetValue<string>().Should().Be("17:00");
        read["format"]!.GetValue<string>().Should().Be("in_person");
        var cycle = read["cycle"]!;
        cycle["partners"]!.AsArray().Select(p => (p!["partnerId"]!.GetValue<string>(), p["position"]!.GetValue<string>(), p["intensity"]!.GetValue<int>()))
            .Should().BeEquivalentTo([(couple.PartnerId(0).ToString(), "pursue", 7), (couple.PartnerId(1).ToString(), "withdraw", 6)]);
        cycle["episodesSinceLastSession"]!.GetValue<int>().Should().Be(3);
        cycle["peakIntensity"]!.GetValue<int>().Should().Be(8);
        cycle["repairMinutes"]!.GetValue<int>().Should().Be(120);
        cycle["triggers"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("chores", "phone");
        cycle["markers"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("cycleNamedByCouple");
    }

    [Fact]
    public async Task ListSessions_ReturnsThemNewestFirst_SoTheFirstPageHoldsTheLatest()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CreateSessionAsync(couple, "2026-11-23");
        await therapist.CreateSessionAsync(couple, "2026-11-09");
        await therapist.CreateSessionAsync(couple, "2026-11-16");

        var list = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/sessions");

        list["items"]!.AsArray().Select(s => s!["date"]!.GetValue<string>()).Should().Equal("2026-11-23", "2026-11-16", "2026-11-09");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/sessions?pageSize=1"))["items"]![0]!["date"]!.GetValue<string>()
            .Should().Be("2026-11-23");
        (await therapist.GetJsonAsync("/api/couples"))["items"]![0]!["sessionCount"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task CreateSession_WithStepOutsideItsStage_Returns400NamingEftStep()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, stage: 1, step: 6));

        (await response.ErrorFieldsAsync()).Should().Equal("eftStep");
    }

    [Fact]
    public async Task CreateSession_WithBadValues_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", new
        {
            date = "2026-11-09", startTime = "17:00", durationMinutes = 481, format = "in_person", attendance = "both",
            eftStage = 4, eftStep = 2, note = new string('x', 20_001),
            cycle = new
            {
                partners = new object[]
                {
                    new { partnerId = couple.PartnerId(0), position = "pursue", intensity = 11 },
                    new { partnerId = couple.PartnerId(1), position = "withdraw", intensity = -1 },
                },
                episodesSinceLastSession = 0, peakIntensity = 12, repairMinutes = 0,
                triggers = Array.Empty<string>(), markers = new[] { "madeUp" },
            },
        });

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("durationMinutes", "eftStage", "note",
            "cycle.partners[0].intensity", "cycle.partners[1].intensity", "cycle.peakIntensity", "cycle.markers[0]");
    }

    [Fact]
    public async Task CreateSession_WithUnknownEnumValue_Returns400NamingTheField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", """
            {"date":"2026-11-09","startTime":"17:00","durationMinutes":50,"format":"telepathy","attendance":"both","eftStage":1,"eftStep":1,"note":""}
            """);

        (await response.ErrorFieldsAsync()).Should().Equal("format");
    }

    [Fact]
    public async Task CreateSession_WithAPartnerOfAnotherCouple_Returns400NamingThePartnerId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Other", "Pair");
        var body = Caseload.NewSession(couple);
        var json = System.Text.Json.JsonSerializer.Serialize(body).Replace(couple.PartnerId(1).ToString(), other.PartnerId(1).ToString());

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", json);

        (await response.ErrorFieldsAsync()).Should().Equal("cycle.partners[1].partnerId");
    }

    [Fact]
    public async Task UpdateSession_WithStaleVersion_Returns409AndKeepsTheFirstWrite()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);
        var version = session["version"]!.GetValue<uint>();
        var update = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Caseload.SessionUpdate(couple, note: "Edited once")))!;
        update["version"] = version;

        var first = await therapist.PutAsync($"/api/sessions/{session.Id()}", update.ToJsonString());
        update["note"] = "Edited from a stale screen";
        var second = await therapist.PutAsync($"/api/sessions/{session.Id()}", update.ToJsonString());

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await therapist.GetJsonAsync($"/api/sessions/{session.Id()}"))["note"]!.GetValue<string>().Should().Be("Edited once");
    }

    [Fact]
    public async Task SignThenAmend_LocksTheOriginalAndAppendsAmendmentsWithAuthorAndTime()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);
        var url = $"/api/sessions/{session.Id()}";

        var signed = await therapist.PostJsonAsync($"{url}/sign", new { version = session["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        var edit = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Caseload.SessionUpdate(couple, note: "Rewritten")))!;
        edit["version"] = signed["version"]!.GetValue<uint>();
        var editAfterSigning = await therapist.PutAsync(url, edit.ToJsonString());
        await therapist.PostJsonAsync($"{url}/amendments", new { text = "Sam later said the phone was the main trigger." });
        var amended = await therapist.PostJsonAsync($"{url}/amendments", new { text = "Second amendment." });

        signed["signedAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        signed["signedByName"]!.GetValue<string>().Should().Be("Ada Moss");
        editAfterSigning.StatusCode.Should().Be(HttpStatusCode.Conflict);
        amended["note"]!.GetValue<string>().Should().Be("Named the cycle together.", "the original text is kept");
        amended["amendments"]!.AsArray().Select(a => a!["text"]!.GetValue<string>())
            .Should().Equal(["Second amendment.", "Sam later said the phone was the main trigger."], "newest first");
        amended["amendments"]![0]!["authorName"]!.GetValue<string>().Should().Be("Ada Moss");
        amended["amendments"]![0]!["createdAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task AmendingAnUnsignedSession_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);

        var response = await therapist.PostAsync($"/api/sessions/{session.Id()}/amendments", new { text = "Too early" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SessionReadsAndWrites_AreAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);
        await therapist.GetJsonAsync($"/api/sessions/{session.Id()}");
        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() }, HttpStatusCode.OK);

        var audit = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}");

        audit["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>())
            .Should().Contain(["session.create", "session.read", "session.sign"]);
    }
}
