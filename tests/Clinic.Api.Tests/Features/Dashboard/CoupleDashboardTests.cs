using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Features.Dashboard;

public sealed class CoupleDashboardTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CoupleDashboard_ReturnsTheCycleSeriesSessionBySession()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SessionAsync(couple, today.AddDays(-14), 8, 6, stage: 1, step: 2);
        await therapist.SessionAsync(couple, today.AddDays(-7), 6, 5, stage: 1, step: 3);
        await therapist.SessionAsync(couple, today.AddDays(-1), 4, 3, stage: 2, step: 5);

        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");

        var cycle = dashboard["cycle"]!.AsArray();
        cycle.Select(s => s!["date"]!.GetValue<string>()).Should().Equal(today.AddDays(-14).Iso(), today.AddDays(-7).Iso(), today.AddDays(-1).Iso());
        cycle.Select(s => s!["meanIntensity"]!.GetValue<double>()).Should().Equal(7, 5.5, 3.5);
        cycle[0]!["partners"]![0]!["partnerId"]!.GetValue<string>().Should().Be(couple.PartnerId(0).ToString());
        cycle[0]!["partners"]![0]!["position"]!.GetValue<string>().Should().Be("pursue");
        cycle[0]!["partners"]![0]!["intensity"]!.GetValue<int>().Should().Be(8);
        cycle[0]!["partners"]![1]!["position"]!.GetValue<string>().Should().Be("withdraw");
        cycle[0]!["episodesSinceLastSession"]!.GetValue<int>().Should().Be(3);
        cycle[0]!["markers"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("cycleNamedByCouple");
        dashboard["cycleTrend"]!.GetValue<string>().Should().Be("falling");
        dashboard["stageTimeline"]!.AsArray().Select(s => s!["eftStage"]!.GetValue<int>()).Should().Equal(1, 1, 2);
    }

    [Fact]
    public async Task CoupleDashboard_AttachmentPlane_MarksOnlyReliableMoves()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.AssessAsync(couple, 0, today.AddDays(-60), 5, 5);
        await therapist.AssessAsync(couple, 0, today.AddDays(-30), 4, 5);   // avoidance −1: RCI ≈ −1.20, noise
        await therapist.AssessAsync(couple, 0, today.AddDays(-1), 2, 5);    // avoidance −2: RCI ≈ −2.39, reliable

        var points = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard"))["attachment"]!.AsArray();

        points.Select(p => p!["avoidance"]!.GetValue<double>()).Should().Equal(5, 4, 2);
        points.Select(p => p!["reliableMove"]!.GetValue<bool>()).Should().Equal(false, false, true);
        var change = points[2]!["change"]!.AsArray().Single(c => c!["subscale"]!.GetValue<string>() == "avoidance")!;
        change["rci"]!.GetValue<double>().Should().BeApproximately(-2.39, 0.01);
        change["direction"]!.GetValue<string>().Should().Be("improved");
        points[1]!["change"]![0]!["reading"]!.GetValue<string>().Should().Contain("noise");
    }

    [Fact]
    public async Task CoupleDashboard_HomeworkSeries_GivesWeeklyAdherenceAndTurnBalance()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var couple = await therapist.CreateCoupleAsync();
        var homework = await therapist.AssignAsync(couple, "taking-turns", "both", monday.AddDays(-7), today.AddDays(14), 2);
        var a = await therapist.SignedInPartnerAsync(couple, 0);
        var b = await therapist.SignedInPartnerAsync(couple, 1);
        // Last week: A logged three times (capped at the target of 2), B once.
        await a.TakingTurnsAsync(homework, monday.AddDays(-7), "needing");
        await a.TakingTurnsAsync(homework, monday.AddDays(-6), "needing");
        await a.TakingTurnsAsync(homework, monday.AddDays(-5), "supporting");
        await b.TakingTurnsAsync(homework, monday.AddDays(-7), "supporting");

        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");

        var lastWeek = dashboard["weeklyAdherence"]!.AsArray().Where(w => w!["weekStart"]!.GetValue<string>() == monday.AddDays(-7).Iso()).ToList();
        lastWeek.Single(w => w!["partnerId"]!.GetValue<string>() == couple.PartnerId(0).ToString())!["ratio"]!.GetValue<double>().Should().Be(1);
        lastWeek.Single(w => w!["partnerId"]!.GetValue<string>() == couple.PartnerId(1).ToString())!["ratio"]!.GetValue<double>().Should().Be(0.5);
        var balance = dashboard["turnBalance"]!.AsArray();
        balance.Single(t => t!["partnerId"]!.GetValue<string>() == couple.PartnerId(0).ToString())!["needingShare"]!.GetValue<double>()
            .Should().BeApproximately(2.0 / 3, 0.001);
        balance.Single(t => t!["partnerId"]!.GetValue<string>() == couple.PartnerId(1).ToString())!["needingShare"]!.GetValue<double>()
            .Should().Be(0);
    }

    [Fact]
    public async Task CoupleDashboard_LeavesOutWithdrawnEntries_CountsCancelledHomeworkForTheDaysItRan_AndShowsAPerceptionGap()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var couple = await therapist.CreateCoupleAsync();
        var turns = await therapist.AssignAsync(couple, "taking-turns", "both", monday.AddDays(-7), today.AddDays(14), 2);
        var cancelled = await therapist.AssignAsync(couple, "taking-turns", "partner_a", monday.AddDays(-7), today.AddDays(14), 2);
        var a = await therapist.SignedInPartnerAsync(couple, 0);
        // Last week A logged a need twice on a joint assignment, B logged nothing those days; one of A's
        // entries is then withdrawn; the homework cancelled today ran all last week, so its entry and its target count
        // there (HomeworkWindows: every assignment for the days it ran).
        var kept = await a.TakingTurnsAsync(turns, monday.AddDays(-7), "needing");
        var withdrawn = await a.TakingTurnsAsync(turns, monday.AddDays(-6), "needing");
        await a.TakingTurnsAsync(cancelled, monday.AddDays(-5), "needing");
        await a.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/portal/entries/{withdrawn.Id()}");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{cancelled.Id()}",
            new { version = cancelled["version"]!.GetValue<uint>(), status = "cancelled" });

        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");

        var partnerA = couple.PartnerId(0).ToString();
        var lastWeekOfA = dashboard["weeklyAdherence"]!.AsArray()
            .Single(w => w!["weekStart"]!.GetValue<string>() == monday.AddDays(-7).Iso() && w["partnerId"]!.GetValue<string>() == partnerA)!;
        lastWeekOfA["entries"]!.GetValue<int>().Should().Be(2, "the withdrawn entry does not count; the cancelled homework's does, logged while it ran");
        lastWeekOfA["expected"]!.GetValue<double>().Should().Be(4, "two a week on each assignment, both running all last week");
        var gaps = dashboard["perceptionGaps"]!.AsArray();
        gaps.Should().ContainSingle("only the entry that stands is unmatched");
        gaps[0]!["assignmentId"]!.GetValue<string>().Should().Be(turns.Id().ToString());
        gaps[0]!["occurredOn"]!.GetValue<string>().Should().Be(kept["occurredOn"]!.GetValue<string>());
        gaps[0]!["kind"]!.GetValue<string>().Should().Be("unmatched_need");
    }

    [Fact]
    public async Task CoupleDashboard_OfAnotherTherapistsCouple_Returns404()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var other = await factory.SignedInTherapistAsync();

        (await other.GetAsync($"/api/couples/{couple.Id()}/dashboard")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dashboards_AreRefusedToClients()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var client = await owner.SignedInPartnerAsync(couple, 0);

        (await client.GetAsync($"/api/couples/{couple.Id()}/dashboard")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/dashboard/caseload")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class CountingFactory : ClinicApiFactory
{
    public CommandCounter Commands { get; } = new();

    protected override void AddTestServices(IServiceCollection services) => services.AddSingleton<IInterceptor>(Commands);
}

/// <summary>Each dashboard reads with a fixed number of SQL commands, however large the caseload or history.</summary>
public sealed class DashboardQueryCountTests(CountingFactory factory) : IClassFixture<CountingFactory>
{
    [Fact]
    public async Task Dashboards_SendTheSameNumberOfCommands_WhateverTheData()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var first = await therapist.CreateCoupleAsync("One", "Two");
        await therapist.SessionAsync(first, today.AddDays(-3), 5, 5);
        var small = await CountAsync(therapist, first);

        for (var i = 0; i < 4; i++)
        {
            var couple = await therapist.CreateCoupleAsync($"C{i}", $"D{i}");
            for (var d = 1; d <= 5; d++) await therapist.SessionAsync(couple, today.AddDays(-7 * d), 5, 4);
            await therapist.AssessAsync(couple, 0, today.AddDays(-30), 3, 3);
            await therapist.AssessAsync(couple, 0, today.AddDays(-2), 3, 4);
            await therapist.AssignAsync(couple, "reach-out", "partner_a", today.AddDays(-10), today.AddDays(10), 3);
        }
        for (var d = 1; d <= 6; d++) await therapist.SessionAsync(first, today.AddDays(-7 * d - 1), 6, 4);
        await therapist.AssessAsync(first, 1, today.AddDays(-9), 3, 3);
        await therapist.AssignAsync(first, "taking-turns", "both", today.AddDays(-10), today.AddDays(10), 3);
        var large = await CountAsync(therapist, first);

        large.Should().Be(small);
        small.Caseload.Should().BeLessThanOrEqualTo(8);
        small.Couple.Should().BeLessThanOrEqualTo(8);
    }

    private async Task<(int Caseload, int Couple)> CountAsync(ApiClient therapist, System.Text.Json.Nodes.JsonNode couple)
    {
        factory.Commands.Reset();
        await therapist.CaseloadAsync();
        var caseload = factory.Commands.Count;
        factory.Commands.Reset();
        await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");
        return (caseload, factory.Commands.Count);
    }
}
