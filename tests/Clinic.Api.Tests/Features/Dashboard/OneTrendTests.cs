using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.Dashboard;

/// <summary>
/// One couple's scores read on every route that says which way a score is going: the assessment list, the couple
/// dashboard's measures, the treatment plan's goal and the caseload's alerts give one trend per partner (ScoreTrend).
/// </summary>
public sealed class OneTrendTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task EveryRoute_ShowsTheSameTrend_ForEachPartner()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Alex", "Sam");
        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(8), "2026-10-01");
        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(14), "2026-10-15"); // +6: a reliable rise, worse
        await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(14), "2026-10-01");
        await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(10), "2026-10-15"); // −4: under 6 points, steady
        await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 2, 2, 2, 2), "2026-10-01");
        await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 4, 4, 4, 4), "2026-10-15"); // no verdict: no trend
        await therapist.SavePlanAsync(couple, 0,
            Goal("Lift the low mood.", measure: Instrument("PHQ-9", "total", "at_most", 9)),
            Goal("Feel satisfied together.", measure: Instrument("CSI-4", "total", "at_least", 14, "partner_a")));

        var alex = couple.PartnerId(0).ToString();
        var sam = couple.PartnerId(1).ToString();
        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");
        string ChartTrend(string instrument, string partner) => dashboard["measures"]!.AsArray()
            .Single(m => m!.Text("instrument") == instrument)!["points"]!.AsArray()
            .Last(p => p!.Text("partnerId") == partner)!["change"]!.Text("trend");
        var assessments = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments?pageSize=100"))["items"]!.AsArray();
        string ListTrend(string instrument, string partner) => assessments
            .Where(a => a!.Text("instrument") == instrument && a!.Text("partnerId") == partner)
            .MaxBy(a => a!.Text("administeredOn"))!["change"]!["subscales"]!["total"]!.Text("trend");
        var goals = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]!.AsArray();
        JsonNode? GoalTrend(int goal, int partner) => goals[goal]!["progress"]!["partners"]![partner]!["trend"];
        var row = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/caseload-row");

        // Alex: worsening on the chart, in the list, against the goal, and the caseload's deterioration alert.
        ChartTrend("PHQ-9", alex).Should().Be("worsening");
        ListTrend("PHQ-9", alex).Should().Be("worsening");
        GoalTrend(0, 0)!.GetValue<string>().Should().Be("worsening");
        row.AlertCodes().Should().Contain("reliable_deterioration");
        row["alerts"]!.AsArray().Single(a => a!.Text("code") == "reliable_deterioration")!.Text("message").Should().Contain("Alex").And.NotContain("Sam");
        // Sam: a 4-point fall is within PHQ-9's noise — steady everywhere, and no divergence.
        ChartTrend("PHQ-9", sam).Should().Be("steady");
        ListTrend("PHQ-9", sam).Should().Be("steady");
        GoalTrend(0, 1)!.GetValue<string>().Should().Be("steady");
        row.AlertCodes().Should().NotContain("partners_diverging");
        // CSI-4 has no reliable-change rule: no trend on any route, though the raw move is +8.
        ChartTrend("CSI-4", alex).Should().Be("unknown");
        ListTrend("CSI-4", alex).Should().Be("unknown");
        GoalTrend(1, 0).Should().BeNull();
        goals[1]!["progress"]!["trend"].Should().BeNull();
    }
}
