using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Domain.CycleMaps;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.CycleMaps;

public sealed class CycleMapTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static string Url(JsonNode couple) => $"/api/couples/{couple.Id()}/cycle-map";

    [Fact]
    public async Task GetCycleMap_BeforeAnySave_IsVersionZeroWithAnEmptySideForEachPartner()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var map = await therapist.GetJsonAsync(Url(couple));

        map["version"]!.GetValue<int>().Should().Be(0);
        map["shared"]!.GetValue<bool>().Should().BeFalse();
        map["savedAt"].Should().BeNull();
        map["partners"]!.AsArray().Select(p => (p!["firstName"]!.GetValue<string>(), p["trigger"]!.GetValue<string>(), p["moves"]!.AsArray().Count))
            .Should().Equal(("Alex", "", 0), ("Sam", "", 0));
    }

    [Fact]
    public async Task SaveCycleMap_KeepsEveryVersion_AndReadsTheLatest()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var first = await therapist.SaveMapAsync(couple, 0, exit: "Take a break.");
        var second = await therapist.SaveMapAsync(couple, 1, exit: "Say 'the chase is starting' and sit down together.");
        var current = await therapist.GetJsonAsync(Url(couple));
        var versions = await therapist.GetJsonAsync($"{Url(couple)}/versions");

        first["version"]!.GetValue<int>().Should().Be(1);
        second["version"]!.GetValue<int>().Should().Be(2);
        current["exit"]!.GetValue<string>().Should().Be("Say 'the chase is starting' and sit down together.");
        current["savedByName"]!.GetValue<string>().Should().Be("Ada Moss");
        var alex = current["partners"]![0]!;
        alex["moves"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("criticise", "chase");
        alex["fear"]!.GetValue<string>().Should().Be("I don't matter to you");
        current["partners"]![1]!["moves"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("shut_down", "leave");
        versions.AsArray().Select(v => (v!["version"]!.GetValue<int>(), v["exit"]!.GetValue<string>()))
            .Should().Equal((2, "Say 'the chase is starting' and sit down together."), (1, "Take a break."));
    }

    [Fact]
    public async Task SaveCycleMap_FromAStaleVersion_Returns409AndKeepsTheFirstSave()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SaveMapAsync(couple, 0, exit: "First screen's exit.");

        var stale = await therapist.PutAsync(Url(couple), CycleMapBuilders.Map(couple, 0, exit: "Second screen's exit."));
        var fromTheFuture = await therapist.PutAsync(Url(couple), CycleMapBuilders.Map(couple, 7));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.JsonAsync())["currentVersion"]!.GetValue<int>().Should().Be(1);
        fromTheFuture.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var current = await therapist.GetJsonAsync(Url(couple));
        current["version"]!.GetValue<int>().Should().Be(1);
        current["exit"]!.GetValue<string>().Should().Be("First screen's exit.");
    }

    [Fact]
    public async Task SaveCycleMap_TwoFirstSavesAtOnce_StoresOneVersionAndAnswers409ToTheOther()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => therapist.PutAsync(Url(couple), CycleMapBuilders.Map(couple, 0))));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(3);
        (await therapist.GetJsonAsync($"{Url(couple)}/versions")).AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task SaveCycleMap_WithBadValues_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PutAsync(Url(couple), new
        {
            version = 0,
            partners = new object[]
            {
                new { partnerId = couple.PartnerId(0), trigger = new string('x', 501), moves = new[] { "chase", "sulk" } },
                new { partnerId = couple.PartnerId(1), need = new string('x', 501) },
            },
            exit = "",
        });
        var noVersion = await therapist.PutAsync(Url(couple), new { partners = Array.Empty<object>() });

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("partners[0].trigger", "partners[0].moves[1]", "partners[1].need");
        (await noVersion.ErrorFieldsAsync()).Should().BeEquivalentTo("version", "partners");
        (await noVersion.ErrorMessageAsync("partners")).Should().Be(CycleMap.SidesMessage);
    }

    [Fact]
    public async Task SaveCycleMap_WithAPartnerOfAnotherCouple_Returns400NamingThePartnerId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Other", "Pair");
        var json = System.Text.Json.JsonSerializer.Serialize(CycleMapBuilders.Map(couple, 0), ApiClient.Json)
            .Replace(couple.PartnerId(1).ToString(), other.PartnerId(1).ToString());

        var response = await therapist.PutAsync(Url(couple), json);

        (await response.ErrorFieldsAsync()).Should().Equal("partners[1].partnerId");
    }

    [Fact]
    public async Task CycleMap_OfAnotherTherapistsCouple_Returns404ForEveryRoute()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        await owner.SaveMapAsync(couple, 0);
        var other = await factory.SignedInTherapistAsync();

        (await other.GetAsync(Url(couple))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PutAsync(Url(couple), CycleMapBuilders.Map(couple, 1))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"{Url(couple)}/share")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"{Url(couple)}/versions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await owner.GetJsonAsync(Url(couple)))["shared"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task ShareCycleMap_BeforeTheFirstSave_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PostAsync($"{Url(couple)}/share");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PortalCycleMap_IsNotFoundUntilShared_ThenBothPartnersSeeTheSharedVersion_UntilUnshared()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);

        var beforeAnyMap = await alex.GetAsync("/api/portal/cycle-map");
        await therapist.SaveMapAsync(couple, 0, exit: "Draft exit.");
        var savedNotShared = await sam.GetAsync("/api/portal/cycle-map");
        var shared = await therapist.ShareMapAsync(couple);
        var sharedView = await alex.GetJsonAsync("/api/portal/cycle-map");
        await therapist.SaveMapAsync(couple, 1, exit: "Sit side by side and say what is underneath.");
        // Issue 26: the later save stays with the therapist until it is shared again.
        var beforeReshare = await alex.GetJsonAsync("/api/portal/cycle-map");
        var reshared = await therapist.ShareMapAsync(couple);
        var alexView = await alex.GetJsonAsync("/api/portal/cycle-map");
        (await sam.GetJsonAsync("/api/portal/me"))["mapShared"]!.GetValue<bool>().Should().BeTrue();
        var samView = await sam.GetJsonAsync("/api/portal/cycle-map");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Url(couple)}/unshare");
        var afterUnshare = await alex.GetAsync("/api/portal/cycle-map");

        beforeAnyMap.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await alex.GetJsonAsync("/api/portal/me"))["mapShared"]!.GetValue<bool>().Should().BeFalse("the map is unshared again");
        savedNotShared.StatusCode.Should().Be(HttpStatusCode.NotFound);
        shared["shared"]!.GetValue<bool>().Should().BeTrue();
        shared["sharedVersion"]!.GetValue<int>().Should().Be(1);
        beforeReshare["exit"]!.GetValue<string>().Should().Be("Draft exit.");
        beforeReshare["savedAt"]!.GetValue<string>().Should().Be(sharedView["savedAt"]!.GetValue<string>(), "no \"updated on\" before a re-share");
        reshared["sharedVersion"]!.GetValue<int>().Should().Be(2);
        alexView["savedAt"]!.GetValue<string>().Should().NotBe(sharedView["savedAt"]!.GetValue<string>());
        alexView["exit"]!.GetValue<string>().Should().Be("Sit side by side and say what is underneath.");
        samView["exit"]!.GetValue<string>().Should().Be("Sit side by side and say what is underneath.");
        alexView["partners"]!.AsArray().Select(p => (p!["label"]!.GetValue<string>(), p["isMe"]!.GetValue<bool>()))
            .Should().Equal(("partner_a", true), ("partner_b", false));
        samView["partners"]!.AsArray().Select(p => p!["isMe"]!.GetValue<bool>()).Should().Equal(false, true);
        samView["partners"]![1]!["need"]!.GetValue<string>().Should().Be("to be enough as I am");
        afterUnshare.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PortalCycleMap_CarriesOnlyTheMap_NeverRiskDataNotesOrPrivateEntries()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        // Everything else the therapist and the partners keep about this couple, each with a marker word.
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, note: "NOTE-MARKER private session note"));
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(violence: "situational", planNotes: "RISK-MARKER plan"));
        var homework = await therapist.AssignAsync(couple, "reach-out", "partner_b");
        await sam.LogAsync(homework, HomeworkBuilders.ReachOutEntry(factory.Today(), "private",
            new Dictionary<string, object?>(HomeworkBuilders.ReachOutFields()) { ["need"] = "ENTRY-MARKER" }));
        await therapist.SaveMapAsync(couple, 0);
        await therapist.ShareMapAsync(couple);

        var response = await alex.GetAsync("/api/portal/cycle-map");
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().NotContainAny("NOTE-MARKER", "RISK-MARKER", "ENTRY-MARKER", "situational", couple["presentingConcerns"]!.GetValue<string>());
        body.AsObject().Select(p => p.Key).Should().BeEquivalentTo("partners", "exit", "savedAt");
        body["partners"]!.AsArray().SelectMany(p => p!.AsObject().Select(f => f.Key)).Distinct().Should().BeEquivalentTo(
            "label", "isMe", "trigger", "moves", "moveInOwnWords", "feeling", "fear", "need");
        text.Should().NotContain(couple.PartnerId(1).ToString(), "the portal map does not hand out partners' ids")
            .And.NotContain("\"Sam\"", "nor the other partner's name: sides are 'me' and 'my partner'");
    }

    [Fact]
    public async Task CycleMap_ReadsAndWrites_AreAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.GetJsonAsync(Url(couple));
        await therapist.SaveMapAsync(couple, 0);
        await therapist.ShareMapAsync(couple);
        await alex.GetJsonAsync("/api/portal/cycle-map");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Url(couple)}/unshare");

        foreach (var action in new[] { "cycle_map.read", "cycle_map.save", "cycle_map.share", "portal.cycle_map.read", "cycle_map.unshare" })
        {
            var events = (await factory.AuditAsync(couple, action))["items"]!.AsArray();
            events.Should().NotBeEmpty(action);
            events[0]!["coupleId"]!.GetValue<string>().Should().Be(couple.Id().ToString());
        }
        (await factory.AuditAsync(couple, "portal.cycle_map.read"))["items"]![0]!["userId"]!.GetValue<string>()
            .Should().Be(alex.UserId.ToString());
    }
}
