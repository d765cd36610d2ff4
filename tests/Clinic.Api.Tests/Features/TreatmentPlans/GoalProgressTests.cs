using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.TreatmentPlans;

/// <summary>Each kind of measure computed over HTTP on a known history, and "no evidence yet" without one.</summary>
public sealed class GoalProgressTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static double Value(JsonNode node) => node["value"]!.GetValue<double>();

    [Fact]
    public async Task InstrumentGoal_WithoutAnswers_IsNoEvidenceYet_ThenReachedOnTheLatestScore()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var before = await therapist.ProgressAsync(couple, Instrument("CSI-4", "total", "at_least", 14, "partner_a"));
        await therapist.RecordAsync(couple, 0, "CSI-4", AssessmentBuilders.Items("csi4", 3, 3, 3, 3), "2026-11-09");
        await therapist.RecordAsync(couple, 0, "CSI-4", AssessmentBuilders.Items("csi4", 4, 4, 4, 4), "2026-11-23");
        await therapist.RecordAsync(couple, 1, "CSI-4", AssessmentBuilders.Items("csi4", 1, 1, 1, 1), "2026-11-23");
        var after = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;

        before["achieved"].Should().BeNull();
        before["value"].Should().BeNull();
        before["reading"]!.GetValue<string>().Should().Be("No evidence yet.");
        after["achieved"]!.GetValue<bool>().Should().BeTrue();
        Value(after).Should().Be(16);
        after["target"]!.GetValue<double>().Should().Be(14);
        after["distance"]!.GetValue<double>().Should().Be(0);
        after["evidenceOn"]!.GetValue<string>().Should().Be("2026-11-23");
        after["reading"]!.GetValue<string>().Should().Be("Target reached on 23 Nov 2026.");
        after["partners"]!.AsArray().Select(p => p!["partner"]!.GetValue<string>()).Should().Equal("partner_a");
        after["history"]!.AsArray().Select(p => p!["value"]!.GetValue<double>()).Should().Equal(12, 16);
    }

    [Fact]
    public async Task InstrumentGoal_ForBothPartners_ReadsEachPartner_AndWaitsForTheOneWhoHasNotAnswered()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(12), "2026-11-09");
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(5), "2026-11-23");

        var waiting = await therapist.ProgressAsync(couple, Instrument("PHQ-9", "total", "at_most", 9));
        await therapist.RecordAsync(couple, 1, "PHQ-9", AssessmentBuilders.Phq9(11), "2026-11-24");
        var both = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;

        waiting["achieved"].Should().BeNull();
        waiting["reading"]!.GetValue<string>().Should().Be("Waiting for partner B's answers.");
        var alex = waiting["partners"]![0]!;
        Value(alex).Should().Be(5);
        alex["achieved"]!.GetValue<bool>().Should().BeTrue();
        // 12 → 5 is a reliable fall on PHQ-9 (6 points or more), toward a target of at most 9.
        alex["trend"]!.GetValue<string>().Should().Be("improving");
        waiting["partners"]![1]!["value"].Should().BeNull();
        both["achieved"]!.GetValue<bool>().Should().BeFalse();
        both["partners"]![1]!["distance"]!.GetValue<double>().Should().Be(2);
        both["evidenceOn"]!.GetValue<string>().Should().Be("2026-11-24");
        both["distance"]!.GetValue<double>().Should().Be(2);
    }

    [Fact]
    public async Task CycleGoal_IsTheMeanIntensityOfTheLastThreeRatedSessions_WithTheCaseloadTrend()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CreateSessionAsync(couple, "2026-11-02", 8, 7);
        await therapist.CreateSessionAsync(couple, "2026-11-09", 7, 6);
        var tooFew = await therapist.ProgressAsync(couple, Measure("cycle", "at_most", 3));
        await therapist.CreateSessionAsync(couple, "2026-11-16", 5, 4);
        await therapist.CreateSessionAsync(couple, "2026-11-23", 3, 2);
        var progress = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;
        var alexOnly = await therapist.ProgressAsync(couple, Measure("cycle", "at_most", 5, "partner_a"));

        tooFew["achieved"].Should().BeNull();
        tooFew["reading"]!.GetValue<string>().Should().StartWith("No evidence yet");
        // Session means 6.5, 4.5, 2.5 (the last three): mean 4.5, falling (slope −2 per session).
        Value(progress).Should().Be(4.5);
        progress["achieved"]!.GetValue<bool>().Should().BeFalse();
        progress["distance"]!.GetValue<double>().Should().Be(1.5);
        progress["trend"]!.GetValue<string>().Should().Be("improving");
        progress["evidenceOn"]!.GetValue<string>().Should().Be("2026-11-23");
        progress["history"]!.AsArray().Should().HaveCount(4);
        // Alex alone: 7, 5, 3 → 5, at most 5.
        Value(alexOnly).Should().Be(5);
        alexOnly["achieved"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task StageGoal_IsReachedOnTheFirstSessionInThatStage()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var none = await therapist.ProgressAsync(couple, Measure("stage", "at_least", 2));
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, "2026-11-02", stage: 1, step: 3));
        var notYet = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, "2026-11-16", stage: 2, step: 5));
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, "2026-11-23", stage: 2, step: 6));
        var reached = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;

        none["achieved"].Should().BeNull();
        notYet["achieved"]!.GetValue<bool>().Should().BeFalse();
        Value(notYet).Should().Be(1);
        Value(reached).Should().Be(2);
        reached["achieved"]!.GetValue<bool>().Should().BeTrue();
        reached["evidenceOn"]!.GetValue<string>().Should().Be("2026-11-16");
    }

    [Fact]
    public async Task HomeworkGoal_IsCombinedAdherenceOverFourWeeks_AndNoEvidenceWithoutHomework()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var none = await therapist.ProgressAsync(couple, Measure("homework", "at_least", 60));
        var today = factory.Today();
        var thisWeek = HomeworkBuilders.WeekStart(today);
        var assignment = await therapist.AssignAsync(couple, targetPerWeek: 2, startsOn: thisWeek.AddDays(-14), dueOn: today.AddDays(14));
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(thisWeek.AddDays(-14)));
        await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(thisWeek.AddDays(-13)));
        await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(thisWeek.AddDays(-7)));

        var progress = (await therapist.GetJsonAsync(couple.PlanUrl()))["goals"]![0]!["progress"]!;

        none["achieved"].Should().BeNull();
        none["reading"]!.GetValue<string>().Should().StartWith("No evidence yet");
        // Weeks: 2 of 2, 1 of 2, and this week 0 of 2 × days so far / 7 (Adherence.Weekly, combined).
        var days = today.DayNumber - thisWeek.DayNumber + 1;
        var expected = Math.Round(100 * 3 / (4 + 2.0 * days / 7), 2);
        Value(progress).Should().BeApproximately(expected, 0.01);
        progress["achieved"]!.GetValue<bool>().Should().Be(expected >= 60);
        // The last two weeks (1 of 2 + this week) against the two before (2 of 2).
        progress["trend"]!.GetValue<string>().Should().Be("worsening");
    }
}
