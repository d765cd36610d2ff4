using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Dashboard;

/// <summary>Satisfaction, depression and anxiety on the couple dashboard and the caseload.</summary>
public sealed class MeasureDashboardTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CoupleDashboard_GivesEachMeasureAsASeries_WithCutOffBandsAndTheRuleInWords()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 3, 3, 3, 3), "2026-10-01"); // 12
        await therapist.RecordAsync(couple, 0, "CSI-4", Items("csi4", 4, 4, 4, 4), "2026-10-15"); // 16
        await therapist.RecordAsync(couple, 1, "CSI-4", Items("csi4", 2, 2, 2, 2), "2026-10-01"); // 8
        await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(8), "2026-10-01");
        await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(14), "2026-10-15");
        await therapist.RecordAsync(couple, 0, "GAD-7", Items("gad7", 1, 1, 1, 1, 1, 0, 0), "2026-10-15");
        await therapist.RecordAssessmentAsync(couple, 0, EcrRsAll(4), "2026-10-15");

        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");

        var measures = dashboard["measures"]!.AsArray();
        measures.Select(m => m!.Text("instrument")).Should().Equal("CSI-4", "GAD-7", "PHQ-9");
        var csi = measures[0]!;
        csi["cutOff"]!.Number("value").Should().Be(13.5);
        csi["cutOff"]!.Text("clinicalSide").Should().Be("below");
        csi.Number("min").Should().Be(0);
        csi.Number("max").Should().Be(21);
        csi.Text("rule").Should().Be("none");
        csi.Text("ruleNote").Should().StartWith("No reliable-change verdict:");
        var alex = csi["points"]!.AsArray().Where(p => p!.Text("partnerId") == couple.PartnerId(0).ToString()).ToList();
        alex.Select(p => p!.Number("score")).Should().Equal(12, 16);
        alex.Select(p => p!["clinical"]!.GetValue<bool>()).Should().Equal(true, false);
        alex[1]!["change"]!.Number("change").Should().Be(4);
        alex[1]!["change"]!["verdictAvailable"]!.GetValue<bool>().Should().BeFalse();
        var phq = measures[2]!;
        phq["bands"]!.AsArray().Select(b => b!.Text("code")).Should().Equal("minimal", "mild", "moderate", "moderately_severe", "severe");
        phq.Text("ruleNote").Should().Be("A change of 6 or more points is reliable (a published threshold); smaller moves are noise.");
        var last = phq["points"]!.AsArray().Last()!;
        last.Text("band").Should().Be("moderate");
        last["change"]!["reliable"]!.GetValue<bool>().Should().BeTrue();
        last["change"]!.Text("direction").Should().Be("deteriorated");
        dashboard["attachment"]!.AsArray().Should().ContainSingle("ECR-RS stays on the attachment plane, not among the measures");
    }

    [Fact]
    public async Task Caseload_ReliableDeteriorationOnPhq9_Diverging_AndBothBelowTheCsiCutOff()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var worse = await therapist.CreateCoupleAsync("Wes", "Val");
        await therapist.RecordAsync(worse, 1, "PHQ-9", Phq9(8), "2026-10-01");
        await therapist.RecordAsync(worse, 1, "PHQ-9", Phq9(14), "2026-10-15");
        var diverging = await therapist.CreateCoupleAsync("Dee", "Eli");
        await therapist.RecordAsync(diverging, 0, "GAD-7", Items("gad7", 2, 2, 2, 2, 1, 0, 0), "2026-10-01"); // 9
        await therapist.RecordAsync(diverging, 0, "GAD-7", Items("gad7", 1, 1, 1, 1, 0, 0, 0), "2026-10-15"); // 4
        await therapist.RecordAsync(diverging, 1, "GAD-7", Items("gad7", 1, 1, 1, 1, 0, 0, 0), "2026-10-01"); // 4
        await therapist.RecordAsync(diverging, 1, "GAD-7", Items("gad7", 2, 2, 2, 2, 1, 0, 0), "2026-10-15"); // 9
        var unhappy = await therapist.CreateCoupleAsync("Uma", "Ian");
        await therapist.RecordAsync(unhappy, 0, "CSI-4", Items("csi4", 3, 3, 3, 2), "2026-10-15"); // 11
        await therapist.RecordAsync(unhappy, 1, "CSI-4", Items("csi4", 2, 3, 2, 2), "2026-10-15"); // 9

        var rows = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray();

        System.Text.Json.Nodes.JsonNode Alert(System.Text.Json.Nodes.JsonNode couple, string code) =>
            rows.Single(r => r!.Text("coupleId") == couple.Id().ToString())!["alerts"]!.AsArray().Single(a => a!.Text("code") == code)!;
        Alert(worse, "reliable_deterioration").Text("message").Should().Be("Reliable deterioration: Val, PHQ-9 depression severity (+6 points).");
        Alert(diverging, "partners_diverging").Text("message")
            .Should().Be("Partners diverging on GAD-7 anxiety severity: Dee reliably better, Eli reliably worse.");
        Alert(unhappy, "both_below_cut_off").Text("message").Should().Be("Both partners below the CSI-4 cut-off (13.5): Uma 11, Ian 9.");
    }
}
