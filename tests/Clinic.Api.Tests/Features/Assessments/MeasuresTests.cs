using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Assessments;

/// <summary>CSI, PHQ-9 and GAD-7 over HTTP: scores as {"total": n}, bands, answers by value, 400s naming the item, change verdicts.</summary>
public sealed class MeasuresTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task RecordPhq9_ReturnsTotalAndBand_AndStoresAnswersByItemId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        // 3 + 3 + 3 + 3 + 2 + 1 + 0 + 0 + 0 = 15: the first "moderately severe" score.
        var created = await therapist.RecordAsync(couple, 0, "PHQ-9", Items("phq9", 3, 3, 3, 3, 2, 1, 0, 0, 0));

        created.Text("instrument").Should().Be("PHQ-9");
        created["scores"]!.AsObject().Select(p => p.Key).Should().Equal("total");
        created["scores"]!.Number("total").Should().Be(15);
        created.Text("band").Should().Be("moderately_severe");
        created.Text("bandLabel").Should().Be("Moderately severe");
        created["quadrant"].Should().BeNull();
        created["responses"]!.AsObject().Select(p => p.Key).Should().Equal(Enumerable.Range(1, 9).Select(n => $"phq9-{n}"));
        created["responses"]!["phq9-5"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task RecordCsi4_TotalsTheZeroToSixItemWithTheRest_AndHasNoBand()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var created = await therapist.RecordAsync(couple, 1, "CSI-4", Items("csi4", 6, 4, 3, 2));

        created["scores"]!.Number("total").Should().Be(15);
        created["band"].Should().BeNull();
    }

    [Fact]
    public async Task Assessments_SayWhichScoresAreOnTheClinicalSideOfTheirCutOff()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var low = await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 3, 3, 3, 3), "2026-10-01");   // 12: below 13.5
        var high = await therapist.RecordAsync(couple, 1, "CSI-4", Items("csi4", 6, 4, 3, 2), "2026-10-01");  // 15
        var ecr = await therapist.RecordAsync(couple, 0, "ECR-RS", EcrRsAll(4), "2026-10-01");
        var listed = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments?pageSize=100"))["items"]!.AsArray();

        low["clinical"]!["total"]!.GetValue<bool>().Should().BeTrue("12 is below the 13.5 cut-off");
        high["clinical"]!["total"]!.GetValue<bool>().Should().BeFalse();
        ecr["clinical"]!.AsObject().Should().BeEmpty("ECR-RS has no cut-off");
        listed.Single(a => a!.Id() == low.Id())!["clinical"]!["total"]!.GetValue<bool>().Should().BeTrue("the list says the same");
    }

    [Fact]
    public async Task RecordGad7_EcrRsStillReportsItsTwoScores()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var gad = await therapist.RecordAsync(couple, 0, "GAD-7", Items("gad7", 2, 2, 2, 2, 1, 0, 0));
        var ecr = await therapist.RecordAssessmentAsync(couple, 0, EcrRsAll(4));

        gad["scores"]!.Number("total").Should().Be(9);
        gad.Text("band").Should().Be("mild");
        ecr["scores"]!.AsObject().Select(p => p.Key).Should().Equal("avoidance", "anxiety");
    }

    [Theory]
    [InlineData("CSI-4", "{\"csi4-1\": 6, \"csi4-2\": 6, \"csi4-3\": 1, \"csi4-4\": 1}", "responses.csi4-2")]
    [InlineData("CSI-4", "{\"csi4-1\": 3, \"csi4-2\": 3, \"csi4-3\": 1}", "responses.csi4-4")]
    [InlineData("GAD-7", "{\"gad7-1\": 0, \"gad7-2\": 0, \"gad7-3\": 0, \"gad7-4\": 0, \"gad7-5\": 0, \"gad7-6\": 0, \"gad7-7\": 0, \"gad7-8\": 0}", "responses.gad7-8")]
    [InlineData("PHQ-9", "{\"phq9-1\": 0, \"phq9-2\": 0, \"phq9-3\": 0, \"phq9-4\": 0, \"phq9-5\": 0, \"phq9-6\": 0, \"phq9-7\": 0, \"phq9-8\": 0, \"phq9-9\": \"often\"}", "responses.phq9-9")]
    public async Task RecordMeasure_MissingExtraOrOutOfRangeAnswer_Is400NamingTheItem(string instrument, string responses, string field)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var body = $"{{\"partnerId\": \"{couple.PartnerId(0)}\", \"instrument\": \"{instrument}\", \"administeredOn\": \"2026-11-09\", \"responses\": {responses}}}";

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", body);

        (await response.ErrorFieldsAsync()).Should().Equal(field);
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task SecondPhq9_SixPointsWorse_IsAReliableDeteriorationByTheFixedThreshold()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(8), "2026-10-01");
        var fivePoints = await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(13), "2026-10-01");
        await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(8), "2026-09-01");

        var second = await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(14), "2026-10-15");

        var total = second["change"]!["subscales"]!["total"]!;
        total.Number("change").Should().Be(6);
        total.Text("method").Should().Be("fixedThreshold");
        total.Number("thresholdPoints").Should().Be(6);
        total["reliable"]!.GetValue<bool>().Should().BeTrue();
        total.Text("direction").Should().Be("deteriorated");
        total["rci"].Should().BeNull();
        var list = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments"))["items"]!.AsArray();
        var partnerB = list.Single(a => a!.Id() == fivePoints.Id())!["change"]!["subscales"]!["total"]!;
        partnerB["reliable"]!.GetValue<bool>().Should().BeFalse("8 → 13 is five points, one short of the threshold");
        partnerB.Text("direction").Should().Be("none");
    }

    [Fact]
    public async Task SecondCsi4_ShowsRawChange_AndSaysWhyThereIsNoVerdict()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 1, 1, 1, 1), "2026-10-01");

        var second = await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 6, 5, 5, 5), "2026-10-15");

        var total = second["change"]!["subscales"]!["total"]!;
        total.Number("change").Should().Be(17);
        total["verdictAvailable"]!.GetValue<bool>().Should().BeFalse();
        total["reliable"]!.GetValue<bool>().Should().BeFalse();
        total.Text("method").Should().Be("none");
        total.Text("reading").Should().Contain("no sourced reference SD for the CSI").And.Contain("Raw change: +17.");
    }

    [Fact]
    public async Task Instruments_CarryLicenceCutOffsBandsAndRules_ForTheScreens()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var all = (await therapist.GetJsonAsync("/api/instruments")).AsArray();

        JsonNode Get(string code) => all.Single(i => i!.Text("code") == code)!;
        Get("PHQ-9").Text("licence").Should().Contain("Pfizer");
        Get("PHQ-9")["subscales"]![0]!["reliableChange"]!.Text("method").Should().Be("fixedThreshold");
        Get("PHQ-9")["subscales"]![0]!["bands"]!.AsArray().Should().HaveCount(5);
        Get("GAD-7")["subscales"]![0]!["reliableChange"]!["threshold"]!.Number("points").Should().Be(4);
        var csi = Get("CSI-4")["subscales"]![0]!;
        csi["cutOff"]!.Number("value").Should().Be(13.5);
        csi["reliableChange"]!.Text("method").Should().Be("none");
        csi["reliableChange"]!["sd"]!["value"].Should().BeNull();
        Get("CSI-4")["items"]![0]!["scale"]!.Number("max").Should().Be(6);
        Get("ECR-RS")["subscales"]![0]!["reliableChange"]!["sd"]!.Text("note").Should().Contain("Not yet sourced");
    }

    [Fact]
    public async Task PortalForm_GivesEachItemItsOwnOptionsInPrintedOrder_AndTheLicence()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "CSI-16");

        var form = (await client.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!["form"]!;

        form.Text("licence").Should().Contain("Funk & Rogge");
        var items = form["items"]!.AsArray();
        items.Should().HaveCount(16);
        items[0]!["scale"]!["anchors"]!.AsArray().Select(a => a!.Number("value")).Should().Equal(0, 1, 2, 3, 4, 5, 6);
        items[1]!["scale"]!["anchors"]!.AsArray().Select(a => a!.Text("label")).First().Should().Be("All the time");
        items[1]!["scale"]!["anchors"]![0]!.Number("value").Should().Be(5);
        items[10]!.Text("preamble").Should().StartWith("For each of the following items");
        form.ToJsonString().Should().NotContain("cutOff").And.NotContain("riskItems").And.NotContain("reverse");
    }

    [Fact]
    public async Task PortalAnswer_SharedResults_ShowTheTotalAndBandLabel()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, share: true, instrument: "GAD-7");

        var answered = await client.AnswerQuestionnaireAsync(request, Items("gad7", 3, 3, 3, 3, 3, 0, 0));

        answered["results"]!["scores"]!.Number("total").Should().Be(15);
        answered["results"]!.Text("bandLabel").Should().Be("Severe");
        var response = await client.PostAsync($"/api/portal/questionnaires/{request.Id()}",
            new { responses = Items("gad7", 3, 3, 3, 3, 3, 0, 0) });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict, "a questionnaire is answered once");
    }
}
