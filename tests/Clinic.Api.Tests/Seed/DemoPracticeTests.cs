using System.Text.Json.Nodes;
using Clinic.Seed;
using Clinic.Api.Tests.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Clinic.Api.Tests.Seed;

public sealed class DemoPracticeTests(SeedingApiFactory factory) : IClassFixture<SeedingApiFactory>
{
    private static readonly Guid Stalled = SeedIds.For("demo/couple/kowalski");
    private static readonly Guid Reengaging = SeedIds.For("demo/couple/nguyen");
    private static readonly Guid Deteriorating = SeedIds.For("demo/couple/obrien");
    private static readonly Guid ItemNine = SeedIds.For("demo/couple/tanaka");
    private static readonly Guid Rising = SeedIds.For("demo/couple/patel");

    [Fact]
    public async Task LoadDemo_Twice_LeavesEveryTableUnchanged()
    {
        await factory.SeedAsync();
        var first = await factory.RowCountsAsync();
        await factory.SeedAsync();

        (await factory.RowCountsAsync()).Should().Equal(first);
        first["couples"].Should().Be(12);
        first["users"].Should().BeGreaterThanOrEqualTo(1 + 3 + 10, "the admin, three therapists and some partners");
        first["safety_flags"].Should().Be(2, "Casey's check-in and Yuki's PHQ-9 item 9");
        first["homework_assignments"].Should().BeGreaterThan(0);
        first["homework_entries"].Should().BeGreaterThan(first["homework_assignments"]);
    }

    [Fact]
    public async Task DemoTherapist_SignsIn_SeesOnlyTheirOwnCouples()
    {
        await factory.SeedAsync();
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var couples = await moss.GetJsonAsync("/api/couples?pageSize=100");

        couples["total"]!.GetValue<int>().Should().Be(4);
        couples["items"]!.AsArray().Select(c => c!["displayName"]!.GetValue<string>())
            .Should().BeEquivalentTo("Alex & Sam", "Priya & Dev", "Linh & Marcus", "Ana & Rui");
        await moss.ExpectAsync(System.Net.HttpStatusCode.NotFound, HttpMethod.Get, $"/api/couples/{Stalled}");
    }

    [Fact]
    public async Task DemoSupervision_TheSupervisorsQueueHoldsTheTraineesRecentSessions_WithComments_AndTheTraineeHasAMonthOfMeetings()
    {
        await factory.SeedAsync();
        var lindqvist = await factory.SignInAsync("clara.lindqvist@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var okafor = await factory.SignInAsync("ben.okafor@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var queue = (await lindqvist.GetJsonAsync("/api/supervision/queue")).AsArray();
        var supervised = (await lindqvist.GetJsonAsync("/api/supervision/couples")).AsArray();
        var log = await moss.GetJsonAsync("/api/supervision/meetings");
        var stageTwo = (await okafor.GetJsonAsync($"/api/couples/{SeedIds.For("demo/couple/okonkwo")}/sessions?stage=2&pageSize=100"))["items"]!.AsArray();

        queue.Should().NotBeEmpty().And.OnlyContain(i => i!["awaitingCosignature"]!.GetValue<bool>() && i["superviseeName"]!.GetValue<string>() == "Ada Moss");
        queue.Select(i => i!["coupleDisplayName"]!.GetValue<string>()).Should().Contain(["Linh & Marcus", "Priya & Dev"]);
        queue.Sum(i => i!["comments"]!.GetValue<int>()).Should().Be(3);
        supervised.Select(c => c!["displayName"]!.GetValue<string>()).Should().BeEquivalentTo("Alex & Sam", "Priya & Dev", "Linh & Marcus", "Ana & Rui");
        var linh = queue.First(i => i!["coupleDisplayName"]!.GetValue<string>() == "Linh & Marcus")!;
        var comments = (await moss.GetJsonAsync($"/api/sessions/{linh["sessionId"]}/supervision-comments")).AsArray();
        comments.Select(c => c!["authorRole"]!.GetValue<string>()).Should().Equal("supervisor", "supervisee");
        log["meetings"]!.AsArray().Should().HaveCount(4);
        log["total"]!["hours"]!.GetValue<double>().Should().Be(4.5);
        stageTwo.Should().NotBeEmpty().And.OnlyContain(s => s!["tangoMoves"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task StalledCouple_MeanIntensity_RisesOverItsLastThreeSessions()
    {
        await factory.SeedAsync();
        var okafor = await factory.SignInAsync("ben.okafor@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var list = await okafor.GetJsonAsync($"/api/couples/{Stalled}/sessions?pageSize=100");
        var lastThree = list["items"]!.AsArray().Take(3).Reverse().Select(s => s!["id"]!.GetValue<string>()).ToList(); // newest first
        var means = new List<double>();
        foreach (var id in lastThree)
        {
            var session = await okafor.GetJsonAsync($"/api/sessions/{id}");
            means.Add(session["cycle"]!["partners"]!.AsArray().Average(p => p!["intensity"]!.GetValue<int>()));
        }

        means.Should().HaveCount(3).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ReengagingCouple_WithdrawersAvoidance_ShowsReliableImprovement()
    {
        await factory.SeedAsync();
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var assessments = (await moss.GetJsonAsync($"/api/couples/{Reengaging}/assessments?pageSize=100"))["items"]!.AsArray();

        var reliable = assessments.Where(a => a!["change"] is JsonObject change
            && change["subscales"]!["avoidance"]!["reliable"]!.GetValue<bool>()).ToList();
        reliable.Should().ContainSingle();
        reliable[0]!["partnerId"]!.GetValue<string>().Should().Be(SeedIds.For("demo/couple/nguyen/partner/b").ToString());
        reliable[0]!["change"]!["subscales"]!["avoidance"]!["change"]!.GetValue<double>().Should().BeNegative();
    }

    [Fact]
    public async Task DemoPractice_ShipsANeutralCrisisText_ThatAPartnerSees()
    {
        await factory.SeedAsync();
        var linh = await factory.SignInAsync("linh.nguyen@demo.clinic.test", SeedingBuilders.DemoClientPassword);

        var crisis = await linh.GetJsonAsync("/api/portal/crisis-resources");

        crisis["markdown"]!.GetValue<string>().Should().Contain("local emergency number").And.Contain("988")
            .And.Contain("Samaritans").And.Contain("116 123");
        crisis["html"]!.GetValue<string>().Should().Contain("href=\"tel:988\"").And.Contain("href=\"tel:116123\"");
    }

    [Fact]
    public async Task DemoPartner_SignsInToThePortal()
    {
        await factory.SeedAsync();
        var linh = await factory.SignInAsync("linh.nguyen@demo.clinic.test", SeedingBuilders.DemoClientPassword);

        linh.User!["role"]!.GetValue<string>().Should().Be("client");
    }

    [Fact]
    public async Task DemoCouples_HaveCycleMaps_AndOnlySharedOnesReachThePortal()
    {
        await factory.SeedAsync();
        var counts = await factory.RowCountsAsync();
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var linh = await factory.SignInAsync("linh.nguyen@demo.clinic.test", SeedingBuilders.DemoClientPassword);
        var alex = await factory.SignInAsync("alex.reed@demo.clinic.test", SeedingBuilders.DemoClientPassword);

        var reedMap = await moss.GetJsonAsync($"/api/couples/{SeedIds.For("demo/couple/reed")}/cycle-map");
        var linhView = await linh.GetJsonAsync("/api/portal/cycle-map");

        counts["cycle_maps"].Should().BeGreaterThanOrEqualTo(5);
        counts["cycle_map_versions"].Should().BeGreaterThan(counts["cycle_maps"], "some maps grew over more than one save");
        reedMap["version"]!.GetValue<int>().Should().Be(2);
        reedMap["shared"]!.GetValue<bool>().Should().BeFalse();
        reedMap["partners"]![0]!["fear"]!.GetValue<string>().Should().NotBeEmpty();
        linhView["partners"]!.AsArray().Should().HaveCount(2);
        linhView["exit"]!.GetValue<string>().Should().Contain("comes back");
        (await alex.GetAsync("/api/portal/cycle-map")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DemoMeasures_Phq9Deterioration_BothBelowTheCsiCutOff_AndAnItem9Flag_AreOnTheCaseloads()
    {
        await factory.SeedAsync();
        var okafor = await factory.SignInAsync("ben.okafor@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var lindqvist = await factory.SignInAsync("clara.lindqvist@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var obrien = (await okafor.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray()
            .Single(r => r!["coupleId"]!.GetValue<string>() == Deteriorating.ToString())!;
        var tanaka = (await lindqvist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray();

        var alerts = obrien["alerts"]!.AsArray().ToDictionary(a => a!["code"]!.GetValue<string>(), a => a!["message"]!.GetValue<string>());
        // Maeve's PHQ-9 went 8 → 15: +7 points, past the published threshold of 6.
        alerts["reliable_deterioration"].Should().Contain("Maeve").And.Contain("PHQ-9").And.Contain("+7 points");
        alerts["both_below_cut_off"].Should().Contain("CSI-4").And.Contain("Declan 11").And.Contain("Maeve 10");
        // The item-9 couple is at the top of its therapist's caseload (beside the check-in flag's couple),
        // its risk item's own alert first on the row.
        var row = tanaka.Single(r => r!["coupleId"]!.GetValue<string>() == ItemNine.ToString())!;
        tanaka.IndexOf(row).Should().BeLessThan(2);
        row["alerts"]!.AsArray()[0]!["code"]!.GetValue<string>().Should().Be("risk_item");
        row["alerts"]!.AsArray()[0]!["message"]!.GetValue<string>().Should().StartWith("Yuki");
    }

    [Fact]
    public async Task DemoMeasures_Csi4History_DrawsEachPartnersLineWithTheCutOff()
    {
        await factory.SeedAsync();
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var measures = (await moss.GetJsonAsync($"/api/couples/{Rising}/dashboard"))["measures"]!.AsArray();

        var csi = measures.Single(m => m!["instrument"]!.GetValue<string>() == "CSI-4")!;
        csi["cutOff"]!["value"]!.GetValue<double>().Should().Be(13.5);
        var points = csi["points"]!.AsArray();
        points.Should().HaveCount(8, "four administrations for each partner");
        points.Where(p => p!["partnerId"]!.GetValue<string>() == SeedIds.For("demo/couple/patel/partner/a").ToString())
            .Select(p => p!["score"]!.GetValue<double>()).Should().Equal(10, 12, 14, 16);
        measures.Select(m => m!["instrument"]!.GetValue<string>()).Should().Contain(["PHQ-9", "GAD-7"]);
    }

    [Fact]
    public async Task DemoPlans_EveryActiveCoupleHasOne_OneReviewOverdue_OneTargetReachedUnconfirmed_AndTheClosedCoupleASignedSummary()
    {
        await factory.SeedAsync();
        var rows = new List<(ApiClient Therapist, JsonNode Row)>();
        foreach (var email in new[] { "ada.moss@demo.clinic.test", "ben.okafor@demo.clinic.test", "clara.lindqvist@demo.clinic.test" })
        {
            var therapist = await factory.SignInAsync(email, SeedingBuilders.DemoTherapistPassword);
            foreach (var row in (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray()) rows.Add((therapist, row!));
        }
        Func<JsonNode, string[]> Codes = row => row["alerts"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToArray();
        var active = rows.Where(r => r.Row["status"]!.GetValue<string>() == "active").ToList();
        var plans = new Dictionary<Guid, JsonNode>();
        foreach (var (therapist, row) in active)
            plans[Guid.Parse(row["coupleId"]!.GetValue<string>())] = await therapist.GetJsonAsync($"/api/couples/{row["coupleId"]}/treatment-plan");
        var okonkwo = SeedIds.For("demo/couple/okonkwo");
        var garcia = SeedIds.For("demo/couple/garcia");
        JsonNode? closing = null;
        foreach (var (therapist, _) in rows.DistinctBy(r => r.Therapist))
            if ((await therapist.GetAsync($"/api/couples/{garcia}/closing-summary")) is { StatusCode: System.Net.HttpStatusCode.OK } found)
                closing = System.Text.Json.Nodes.JsonNode.Parse(await found.Content.ReadAsStringAsync());

        active.Should().HaveCount(9);
        plans.Values.Should().OnlyContain(p => p["version"]!.GetValue<int>() == 1 && p["goals"]!.AsArray().Count > 0, "every active couple has a plan");
        active.Where(r => Codes(r.Row).Contains("no_plan")).Should().BeEmpty("every active couple has a plan");
        active.Where(r => Codes(r.Row).Contains("plan_review_due")).Select(r => r.Row["displayName"]!.GetValue<string>())
            .Should().Equal("Ewa & Tomasz");
        plans[Stalled]["reviewDue"]!.GetValue<bool>().Should().BeTrue();
        var reached = plans[okonkwo]["goals"]!.AsArray().Single(g => g!["measure"]?["kind"]?.GetValue<string>() == "stage")!;
        reached["status"]!.GetValue<string>().Should().Be("active", "a reached target waits for the therapist to confirm it");
        reached["progress"]!["achieved"]!.GetValue<bool>().Should().BeTrue();
        Codes(rows.Single(r => r.Row["displayName"]!.GetValue<string>() == "Alex & Sam").Row).Should().Contain("no_plan",
            "the intake couple, three sessions in, shows the alert");
        closing.Should().NotBeNull("the closed couple has a signed closing summary");
        closing!["reason"]!.GetValue<string>().Should().Be("goals_met");
        closing["signedByName"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        closing["summary"]!.GetValue<string>().Should().StartWith("Sixteen sessions");
    }
}

/// <summary>
/// <c>make up</c> prints seeds/demo/README-signins.txt, whose "Worth a look" lines send a new user to
/// particular couples. Each promise there is checked against what the therapist's caseload and couple
/// screens serve for the loaded demo, and every couple the sheet names has a check here — so the
/// sheet cannot promise a screen that the demo data no longer shows.
/// </summary>
public sealed class DemoWorthALookTests(SeedingApiFactory factory) : IClassFixture<SeedingApiFactory>
{
    private const string Moss = "ada.moss@demo.clinic.test";
    private const string Okafor = "ben.okafor@demo.clinic.test";
    private const string Lindqvist = "clara.lindqvist@demo.clinic.test";

    [Fact]
    public async Task EveryWorthALookLine_MatchesWhatTheScreensShow()
    {
        await factory.SeedAsync();
        var sheet = System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(Path.Combine(PostgresServer.RepoRoot, "seeds", "demo", "README-signins.txt")), @"\s+", " ");
        var worth = sheet[(sheet.IndexOf("Worth a look:", StringComparison.Ordinal) + "Worth a look:".Length)..];
        var promises = System.Text.RegularExpressions.Regex.Matches(worth, @"(\p{Lu}[\w']+ & \p{Lu}[\w']+) \(([^)]*)\)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var rows = new Dictionary<string, (ApiClient Therapist, JsonNode Row)>();
        foreach (var email in new[] { Moss, Okafor, Lindqvist })
        {
            var therapist = await factory.SignInAsync(email, SeedingBuilders.DemoTherapistPassword);
            foreach (var row in (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray())
                rows[row!["displayName"]!.GetValue<string>()] = (therapist, row);
        }
        string Alert(string couple, string code) => rows[couple].Row["alerts"]!.AsArray()
            .SingleOrDefault(a => a!["code"]!.GetValue<string>() == code)?["message"]?.GetValue<string>()
            ?? throw new Xunit.Sdk.XunitException($"{couple}: the sheet promises a '{code}' alert the caseload does not show");

        promises.Keys.Should().BeEquivalentTo(
            ["Linh & Marcus", "Ewa & Tomasz", "Jordan & Casey", "Nadia & Omar", "Alex & Sam", "Declan & Maeve", "Yuki & Ren", "Priya & Dev"],
            "each couple the sheet sends a user to has its promise checked below");

        promises["Ewa & Tomasz"].Should().Contain("intensity rising");
        Alert("Ewa & Tomasz", "cycle_rising").Should().StartWith("Cycle intensity rising");

        promises["Jordan & Casey"].Should().Contain("safety flag").And.Contain("Casey's check-in");
        Alert("Jordan & Casey", "safety_flag").Should().Contain("Casey").And.Contain("check-in");

        var days = System.Text.RegularExpressions.Regex.Match(promises["Nadia & Omar"], @"no session for (\d+) days").Groups[1].Value;
        days.Should().NotBeEmpty();
        Alert("Nadia & Omar", "no_recent_session").Should().Be($"No session for {days} days.");
        rows["Nadia & Omar"].Row["nextSessionOn"].Should().BeNull("the sheet says nothing is booked");

        rows["Alex & Sam"].Row["status"]!.GetValue<string>().Should().Be("intake");
        promises["Alex & Sam"].Should().StartWith("intake").And.Contain("Sam's consent not signed");
        Alert("Alex & Sam", "consent_missing").Should().StartWith("Consent missing from Sam:");
        var pending = System.Text.RegularExpressions.Regex.Match(promises["Alex & Sam"], @"questionnaire pending (\d+) days").Groups[1].Value;
        Alert("Alex & Sam", "questionnaire_pending").Should().Be($"Questionnaire pending for {pending} days.");

        promises["Declan & Maeve"].Should().Contain("PHQ-9 reliable deterioration for Maeve").And.Contain("below the CSI-4 cut-off");
        Alert("Declan & Maeve", "reliable_deterioration").Should().Contain("Maeve, PHQ-9");
        Alert("Declan & Maeve", "both_below_cut_off").Should().Contain("CSI-4");

        promises["Yuki & Ren"].Should().Contain("PHQ-9 item 9");
        Alert("Yuki & Ren", "risk_item").Should().StartWith("Yuki: PHQ-9 item 9");

        promises["Linh & Marcus"].Should().Contain("reliable change on Marcus's avoidance");
        var (moss, linh) = rows["Linh & Marcus"];
        var reliable = (await moss.GetJsonAsync($"/api/couples/{linh["coupleId"]}/assessments?pageSize=100"))["items"]!.AsArray()
            .Where(a => a!["change"] is JsonObject change && change["subscales"]!["avoidance"]!["reliable"]!.GetValue<bool>()).ToList();
        reliable.Should().ContainSingle().Which!["partnerId"]!.GetValue<string>()
            .Should().Be(SeedIds.For("demo/couple/nguyen/partner/b").ToString(), "Marcus is partner B");

        promises["Priya & Dev"].Should().Contain("CSI-4 rising above the cut-off").And.Contain("PHQ-9 and GAD-7 easing");
        var (_, patel) = rows["Priya & Dev"];
        var measures = (await moss.GetJsonAsync($"/api/couples/{patel["coupleId"]}/dashboard"))["measures"]!.AsArray();
        foreach (var instrument in new[] { "CSI-4", "PHQ-9", "GAD-7" })
        {
            var scores = measures.Single(m => m!["instrument"]!.GetValue<string>() == instrument)!["points"]!.AsArray()
                .Where(p => p!["partnerId"]!.GetValue<string>() == SeedIds.For("demo/couple/patel/partner/a").ToString())
                .Select(p => p!["score"]!.GetValue<double>()).ToList();
            if (instrument == "CSI-4") scores.Last().Should().BeGreaterThan(13.5).And.BeGreaterThan(scores.First());
            else scores.Last().Should().BeLessThan(scores.First(), $"{instrument} easing");
        }
    }
}
