using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Sessions;

/// <summary>Issue 34 item 4: the EFT Tango moves used in a session and the segments marked as excerpt candidates.</summary>
public sealed class TangoMovesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static JsonObject WithTango(object session, object? tangoMoves = null, object? excerptCandidates = null)
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(session, ApiClient.Json))!.AsObject();
        if (tangoMoves is not null) body["tangoMoves"] = JsonNode.Parse(JsonSerializer.Serialize(tangoMoves, ApiClient.Json));
        if (excerptCandidates is not null) body["excerptCandidates"] = JsonNode.Parse(JsonSerializer.Serialize(excerptCandidates, ApiClient.Json));
        return body;
    }

    private static readonly object[] TwoMoves =
    [
        new { move = "mirroring_present_process", note = "Reflected the chase–retreat as it happened." },
        new { move = "processing_the_encounter", note = "Asked Sam how it was to hear Alex reach." },
    ];

    private static readonly object[] OneExcerpt =
    [
        new { stage = 2, startsAt = "12:30", endsAt = "17:05", note = "Zoom cloud recording of 9 Nov, consent on file." },
    ];

    [Fact]
    public async Task CreateSession_WithTangoMovesAndAnExcerpt_ReadsThemBack()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var created = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions",
            WithTango(Caseload.NewSession(couple, stage: 2, step: 5), TwoMoves, OneExcerpt).ToJsonString());
        var read = await therapist.GetJsonAsync($"/api/sessions/{created.Id()}");

        read["tangoMoves"]!.AsArray().Select(m => (m!["move"]!.GetValue<string>(), m["note"]!.GetValue<string>())).Should().Equal(
            ("mirroring_present_process", "Reflected the chase–retreat as it happened."),
            ("processing_the_encounter", "Asked Sam how it was to hear Alex reach."));
        var excerpt = read["excerptCandidates"]!.AsArray().Single()!;
        excerpt["stage"]!.GetValue<int>().Should().Be(2);
        excerpt["startsAt"]!.GetValue<string>().Should().Be("12:30");
        excerpt["endsAt"]!.GetValue<string>().Should().Be("17:05");
        excerpt["note"]!.GetValue<string>().Should().Be("Zoom cloud recording of 9 Nov, consent on file.");
    }

    [Fact]
    public async Task CreateSession_WithoutTango_HasEmptyLists()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var created = await therapist.CreateSessionAsync(couple);

        created["tangoMoves"]!.AsArray().Should().BeEmpty();
        created["excerptCandidates"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateSession_SendingTheGetBodyBackWithChangedMoves_StoresThemAndMovesTheVersion()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var created = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions",
            WithTango(Caseload.NewSession(couple, stage: 2, step: 5), TwoMoves).ToJsonString());
        var read = await therapist.GetJsonAsync($"/api/sessions/{created.Id()}");

        var unchanged = await therapist.PutAsync($"/api/sessions/{created.Id()}", read.ToJsonString());
        var body = (await unchanged.JsonAsync()).AsObject();
        body["tangoMoves"] = JsonNode.Parse("""[{"move":"affect_assembly_and_deepening","note":"Slowed down with Alex's fear."}]""");
        var changed = await therapist.PutAsync($"/api/sessions/{created.Id()}", body.ToJsonString());
        var stale = await therapist.PutAsync($"/api/sessions/{created.Id()}", body.ToJsonString());

        unchanged.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict, "changing only the moves moves the session's version");
        (await therapist.GetJsonAsync($"/api/sessions/{created.Id()}"))["tangoMoves"]!.AsArray()
            .Select(m => m!["move"]!.GetValue<string>()).Should().Equal("affect_assembly_and_deepening");
    }

    [Fact]
    public async Task CreateSession_WithBadTangoMovesAndExcerpts_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var moves = new object[]
        {
            new { move = "dancing", note = "" },
            new { move = "integrating_and_validating", note = new string('x', 501) },
        };
        var excerpts = new object[]
        {
            new { stage = 4, startsAt = "12:3", endsAt = "17:05", note = "" },
            new { stage = 1, startsAt = "20:00", endsAt = "10:00", note = "" },
            new { stage = 2, startsAt = "40:00", endsAt = "1:10:00", note = "" },
        };

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions",
            WithTango(Caseload.NewSession(couple), moves, excerpts).ToJsonString());

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("tangoMoves[0].move", "tangoMoves[1].note",
            "excerptCandidates[0].stage", "excerptCandidates[0].startsAt", "excerptCandidates[1].endsAt", "excerptCandidates[2].endsAt");
    }

    [Fact]
    public async Task CreateSession_WithTheSameMoveTwice_Returns400NamingTangoMoves()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var moves = new object[] { TwoMoves[0], TwoMoves[0] };

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions",
            WithTango(Caseload.NewSession(couple), moves).ToJsonString());

        (await response.ErrorFieldsAsync()).Should().Equal("tangoMoves");
    }

    [Fact]
    public async Task ListSessions_FiltersByMoveAndStage_AndSummarisesTheMoves()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}/sessions";
        await therapist.PostJsonAsync(url, WithTango(Caseload.NewSession(couple, "2026-11-02", stage: 1, step: 2), TwoMoves).ToJsonString());
        await therapist.PostJsonAsync(url, WithTango(Caseload.NewSession(couple, "2026-11-09", stage: 2, step: 5), TwoMoves, OneExcerpt).ToJsonString());
        await therapist.PostJsonAsync(url, WithTango(Caseload.NewSession(couple, "2026-11-16", stage: 2, step: 6),
            new[] { new { move = "choreographing_engaged_encounters", note = "" } }).ToJsonString());
        await therapist.CreateSessionAsync(couple, "2026-11-23");

        static IEnumerable<string> Dates(JsonNode list) => list["items"]!.AsArray().Select(s => s!["date"]!.GetValue<string>());
        var byMove = await therapist.GetJsonAsync($"{url}?move=processing_the_encounter");
        var byStage = await therapist.GetJsonAsync($"{url}?stage=2");
        var byBoth = await therapist.GetJsonAsync($"{url}?move=processing_the_encounter&stage=2");
        var all = await therapist.GetJsonAsync(url);

        Dates(byMove).Should().Equal("2026-11-09", "2026-11-02");
        Dates(byStage).Should().Equal("2026-11-16", "2026-11-09");
        Dates(byBoth).Should().Equal("2026-11-09");
        byBoth["total"]!.GetValue<int>().Should().Be(1);
        Dates(all).Should().HaveCount(4);
        var withExcerpt = byBoth["items"]![0]!;
        withExcerpt["tangoMoves"]!.AsArray().Select(m => m!.GetValue<string>())
            .Should().Equal("mirroring_present_process", "processing_the_encounter");
        withExcerpt["excerptCandidates"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task ListSessions_WithAnUnknownMoveOrStage_Returns400NamingIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var badMove = await therapist.GetAsync($"/api/couples/{couple.Id()}/sessions?move=tango");
        var badStage = await therapist.GetAsync($"/api/couples/{couple.Id()}/sessions?stage=4");

        (await badMove.ErrorFieldsAsync()).Should().Equal("move");
        (await badStage.ErrorFieldsAsync()).Should().Equal("stage");
    }

    [Fact]
    public async Task ListSessions_ByMove_OfAnotherTherapistsCouple_Returns404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await factory.SignedInTherapistAsync();

        var response = await other.GetAsync($"/api/couples/{couple.Id()}/sessions?move=processing_the_encounter");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdatingTheMoves_IsAuditedAsASessionUpdate()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var created = await therapist.CreateSessionAsync(couple);
        var body = (await therapist.GetJsonAsync($"/api/sessions/{created.Id()}")).AsObject();
        body["tangoMoves"] = JsonNode.Parse("""[{"move":"integrating_and_validating","note":""}]""");

        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/sessions/{created.Id()}", body.ToJsonString());
        var audit = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}");

        audit["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should().Contain(["session.create", "session.update"]);
    }
}
