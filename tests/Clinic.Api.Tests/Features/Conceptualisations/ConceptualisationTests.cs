using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.Conceptualisations;

/// <summary>Issue 34 item 5: the case conceptualisation drafted from the record, saved as versions, read by the supervisor only.</summary>
public sealed class ConceptualisationTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static string Url(JsonNode couple) => $"/api/couples/{couple.Id()}/conceptualisation";

    private static object Sections(string formulation = "Alex pursues for closeness; Sam withdraws to keep the peace.") => new
    {
        presentingConcerns = "Escalation about chores.", attachment = "Alex anxious; Sam avoidant.", cycle = "Pursue–withdraw.",
        progress = "Stage 2.", changeEvents = "Softening on 2026-11-23.", tangoMoves = "Mostly mirroring.", measures = "PHQ-9 down.",
        goals = "Calmer arguments.", formulation,
    };

    private static JsonObject Session(JsonNode couple, string date, int stage, int step, string[] markers, object[] tango)
    {
        var body = JsonSerializer.SerializeToNode(Caseload.NewSession(couple, date, stage: stage, step: step), ApiClient.Json)!.AsObject();
        body["cycle"]!["markers"] = JsonSerializer.SerializeToNode(markers);
        body["tangoMoves"] = JsonSerializer.SerializeToNode(tango, ApiClient.Json);
        return body;
    }

    private static double Score(JsonNode assessment, string subscale) => Math.Round(assessment["scores"]!.Number(subscale), 2);

    [Fact]
    public async Task Draft_IsWrittenFromTheRecord_AttachmentCycleStagesEventsTangoMeasuresAndGoals()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var mirroring = new { move = "mirroring_present_process", note = "Slowed the chase down." };
        var deepening = new { move = "affect_assembly_and_deepening", note = "Sam's shame." };
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Session(couple, "2026-11-02", 1, 2, ["cycleNamedByCouple"], [mirroring]));
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Session(couple, "2026-11-09", 1, 3, [], [mirroring, deepening]));
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions",
            Session(couple, "2026-11-23", 2, 5, ["withdrawerReengagement"], [deepening]));
        var firstEcr = await therapist.RecordAsync(couple, 0, "ECR-RS", AssessmentBuilders.EcrRsAll(6), "2026-11-02");
        var latestEcr = await therapist.RecordAsync(couple, 0, "ECR-RS", AssessmentBuilders.EcrRsAll(3), "2026-11-23");
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(14), "2026-11-02");
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(6), "2026-11-23");
        await therapist.SaveMapAsync(couple, 0);
        await therapist.SavePlanAsync(couple, 0, Goal("Calmer arguments.", measure: Measure("cycle", "at_most", 5)),
            Goal("Old goal.", status: "dropped"));

        var read = await therapist.GetJsonAsync(Url(couple));

        read["version"]!.GetValue<int>().Should().Be(0);
        read["draft"]!.GetValue<bool>().Should().BeTrue();
        var record = read["record"]!;
        record["presentingConcerns"]!.GetValue<string>().Should().Be("Frequent escalation about chores; withdrawal after conflict.");
        var alex = record["partners"]!.AsArray().Single(p => p!["firstName"]!.GetValue<string>() == "Alex")!;
        alex["attachment"]!.AsArray().Select(a => (a!["administeredOn"]!.GetValue<string>(), a["avoidance"]!.GetValue<double>(), a["anxiety"]!.GetValue<double>()))
            .Should().Equal(("2026-11-02", Score(firstEcr, "avoidance"), Score(firstEcr, "anxiety")),
                ("2026-11-23", Score(latestEcr, "avoidance"), Score(latestEcr, "anxiety")));
        alex["style"]!.GetValue<string>().Should().Be(latestEcr.Text("quadrant"));
        record["partners"]!.AsArray().Single(p => p!["firstName"]!.GetValue<string>() == "Sam")!["attachment"]!.AsArray().Should().BeEmpty();
        var cycle = record["cycle"]!;
        cycle["version"]!.GetValue<int>().Should().Be(1);
        cycle["sides"]![0]!["fear"]!.GetValue<string>().Should().Be("I don't matter to you");
        cycle["sides"]![1]!["need"]!.GetValue<string>().Should().Be("to be enough as I am");
        cycle["exit"]!.GetValue<string>().Should().StartWith("We name it");
        record["progress"]!.AsArray().Select(p => (p!["date"]!.GetValue<string>(), p["stage"]!.GetValue<int>(), p["step"]!.GetValue<int>()))
            .Should().Equal(("2026-11-02", 1, 2), ("2026-11-09", 1, 3), ("2026-11-23", 2, 5));
        record["changeEvents"]!.AsArray().Select(e => (e!["date"]!.GetValue<string>(), e["marker"]!.GetValue<string>()))
            .Should().Equal(("2026-11-02", "cycleNamedByCouple"), ("2026-11-23", "withdrawerReengagement"));
        record["tangoMoves"]!.AsArray().Select(m => (m!["move"]!.GetValue<string>(), m["sessions"]!.GetValue<int>()))
            .Should().Equal(("mirroring_present_process", 2), ("affect_assembly_and_deepening", 2));
        var phq = record["measures"]!.AsArray().Single(m => m!["instrument"]!.GetValue<string>() == "PHQ-9")!;
        (phq["first"]!.GetValue<double>(), phq["last"]!.GetValue<double>()).Should().Be((14, 6));
        phq["verdict"]!.GetValue<string>().Should().Contain("reliable decrease");
        record["measures"]!.AsArray().Should().Contain(m => m!["instrument"]!.GetValue<string>() == "ECR-RS" && m["subscale"]!.GetValue<string>() == "anxiety");
        record["goals"]!.AsArray().Select(g => g!["statement"]!.GetValue<string>()).Should().Equal("Calmer arguments.");
        record["goals"]![0]!["progress"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        var sections = read["sections"]!;
        sections.ToJsonString().Should().Be(record["drafted"]!.ToJsonString());
        sections["presentingConcerns"]!.GetValue<string>().Should().Be("Frequent escalation about chores; withdrawal after conflict.");
        sections["attachment"]!.GetValue<string>().Should().Contain($"Alex: {latestEcr.Text("quadrant")}").And.Contain("Sam: no ECR-RS recorded yet.");
        sections["cycle"]!.GetValue<string>().Should().Contain("Alex: triggered by Sam goes quiet after work; moves: criticise, chase")
            .And.Contain("fears I don't matter to you").And.Contain("The exit: We name it");
        sections["progress"]!.GetValue<string>().Should().Contain("3 sessions held from 2 Nov 2026 to 23 Nov 2026.")
            .And.Contain("stage 1 from 2 Nov 2026 (steps 2, 3); stage 2 from 23 Nov 2026 (steps 5)").And.Contain("Latest: stage 2, step 5.");
        sections["changeEvents"]!.GetValue<string>().Should().Contain("23 Nov 2026 (stage 2): withdrawer re-engagement.");
        sections["tangoMoves"]!.GetValue<string>().Should().Contain("Mirroring present process: 2 sessions, 2 Nov 2026 to 9 Nov 2026.");
        sections["measures"]!.GetValue<string>().Should().Contain("Alex, PHQ-9 total: 14 (2 Nov 2026) → 6 (23 Nov 2026).");
        sections["goals"]!.GetValue<string>().Should().Contain("- Calmer arguments. [active]").And.NotContain("Old goal.");
        sections["formulation"]!.GetValue<string>().Should().BeEmpty();
        // Read as text on screen, the draft writes days the app's one way, never as ISO dates.
        sections.ToJsonString().Should().NotMatchRegex(@"\d{4}-\d{2}-\d{2}");
        var audit = (await factory.AuditAsync(couple, "conceptualisation.read"))["items"]!.AsArray();
        audit.Should().ContainSingle().Which!["detail"].Should().BeNull();
    }

    [Fact]
    public async Task Save_MakesVersions_AStaleVersionIs409_TheGetsBodyGoesBack_AndBadInputIsNamed()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var draft = await therapist.GetJsonAsync(Url(couple));

        var asRead = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url(couple), draft.ToJsonString());
        var stale = await therapist.PutAsync(Url(couple), new { version = 0, sections = Sections() });
        var second = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url(couple), new { version = 1, sections = Sections() });
        var noSections = await therapist.PutAsync(Url(couple), new { version = 2 });
        var noVersion = await therapist.PutAsync(Url(couple), new { sections = Sections() });
        var tooLong = await therapist.PutAsync(Url(couple), new { version = 2, sections = Sections(new string('x', 8001)) });
        var unknown = await therapist.PutAsync(Url(couple), new { version = 2, sections = Sections(), colour = "blue" });
        var readBack = await therapist.GetJsonAsync(Url(couple));
        readBack["sections"]!["formulation"] = "Edited after reading.";
        var third = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url(couple), readBack.ToJsonString());
        var versions = (await therapist.GetJsonAsync($"{Url(couple)}/versions")).AsArray();

        asRead["version"]!.GetValue<int>().Should().Be(1);
        asRead["draft"]!.GetValue<bool>().Should().BeFalse();
        asRead["sections"]!["presentingConcerns"]!.GetValue<string>().Should().Be(draft["sections"]!["presentingConcerns"]!.GetValue<string>());
        asRead["savedByName"]!.GetValue<string>().Should().Be("Ada Moss");
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second["sections"]!["formulation"]!.GetValue<string>().Should().Be("Alex pursues for closeness; Sam withdraws to keep the peace.");
        (await noSections.ErrorFieldsAsync()).Should().Equal("sections");
        (await noVersion.ErrorFieldsAsync()).Should().Equal("version");
        (await tooLong.ErrorFieldsAsync()).Should().Equal("sections.formulation");
        (await unknown.ErrorFieldsAsync()).Should().Equal("colour");
        third["version"]!.GetValue<int>().Should().Be(3);
        (await therapist.GetJsonAsync(Url(couple)))["sections"]!["formulation"]!.GetValue<string>().Should().Be("Edited after reading.");
        versions.Select(v => v!["version"]!.GetValue<int>()).Should().Equal(3, 2, 1);
        versions[2]!["sections"]!["formulation"]!.GetValue<string>().Should().BeEmpty();
        (await factory.AuditAsync(couple, "conceptualisation.save"))["items"]!.AsArray().Should().HaveCount(3);

        // A closed couple's record takes nothing new: the conceptualisation is read, not saved.
        var coupleVersion = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["version"]!.GetValue<uint>();
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/couples/{couple.Id()}/close",
            new { version = coupleVersion, reason = "goals_met", summary = "Goals met." });
        (await therapist.PutAsync(Url(couple), new { version = 3, sections = Sections() })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await therapist.GetJsonAsync(Url(couple)))["version"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task TheLinkedSupervisorReads_Audited_ButCannotSave_OthersGet404_AdminAndPartners403_AndTheLinksEndIs404()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var stranger = await factory.SignedInTherapistAsync();
        var admin = await factory.AdminAsync();
        var couple = await trainee.CreateCoupleAsync();
        var partner = await trainee.SignedInPartnerAsync(couple, 0);
        await trainee.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url(couple), new { version = 0, sections = Sections() });
        var link = await factory.LinkAsync(trainee, supervisor);

        var read = await supervisor.GetJsonAsync(Url(couple));
        var versions = await supervisor.GetJsonAsync($"{Url(couple)}/versions");
        var write = await supervisor.PutAsync(Url(couple), new { version = 1, sections = Sections("The supervisor's view.") });

        read["sections"]!["formulation"]!.GetValue<string>().Should().Be("Alex pursues for closeness; Sam withdraws to keep the peace.");
        versions.AsArray().Should().ContainSingle();
        write.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await trainee.GetJsonAsync(Url(couple)))["version"]!.GetValue<int>().Should().Be(1);
        foreach (var action in new[] { "conceptualisation.read", "conceptualisation.history" })
            (await factory.AuditAsync(couple, action))["items"]!.AsArray().Single(e => e!["userId"]!.GetValue<Guid>() == supervisor.UserId)!
                ["detail"]!.GetValue<string>().Should().Be($"supervision link {link.Id()}", action);
        foreach (var url in new[] { Url(couple), $"{Url(couple)}/versions" })
        {
            (await stranger.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
            (await admin.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
            (await partner.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        }
        (await stranger.PutAsync(Url(couple), new { version = 1, sections = Sections() })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PutAsync(Url(couple), new { version = 1, sections = Sections() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await factory.EndLinkAsync(link);

        (await supervisor.GetAsync(Url(couple))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await supervisor.GetAsync($"{Url(couple)}/versions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheConceptualisation_NeverReachesThePortalOrARelease()
    {
        const string marker = "CONCEPTUALISATION-MARKER";
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        await therapist.CreateSessionAsync(couple, "2026-03-02");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url(couple), new { version = 0, sections = Sections(marker) });

        var portalReads = Security.EndpointInventory.Routes(factory)
            .Where(r => r.Method == "GET" && r.RawTemplate.StartsWith("/api/portal") && !r.RawTemplate.Contains('{')).Select(r => r.RawTemplate).ToList();
        portalReads.Should().Contain("/api/portal/me");
        foreach (var portalUrl in portalReads)
            foreach (var partner in new[] { a, b })
                (await (await partner.GetAsync(portalUrl)).Content.ReadAsStringAsync()).Should().NotContain(marker, portalUrl);
        var release = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/releases", new
        {
            recipient = "Dr Rivera, family doctor", purpose = "Coordinating care", includes = new[] { "sessions", "measures", "homework", "cycle_map" },
            from = "2026-01-01", to = "2026-12-31", expiresOn = factory.Today().AddDays(90).Iso(),
        });
        foreach (var (partner, index) in new[] { (a, 0), (b, 1) })
            (await partner.PostAsync($"/api/portal/releases/{release.Id()}/sign", new { typedName = couple.FullName(index), agreeToSignElectronically = true }))
                .StatusCode.Should().Be(HttpStatusCode.OK);
        var export = await therapist.GetAsync($"/api/couples/{couple.Id()}/releases/{release.Id()}/export?format=report");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        (await export.Content.ReadAsStringAsync()).Should().NotContain(marker);
        (await therapist.GetJsonAsync(Url(couple)))["sections"]!["formulation"]!.GetValue<string>().Should().Be(marker);
    }
}
