using System.Net;
using System.Text.Json.Nodes;
using DashboardBuilders = Clinic.Api.Tests.Features.Dashboard.DashboardBuilders;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

/// <summary>
/// Issue 27, items 1 and 2: each homework figure has one window and one set of assignments it counts
/// (Domain/Homework/HomeworkWindows), so the homework section, the progress page, the caseload and the
/// portal agree — and homework that ends early stops being expected from the day it ended.
/// </summary>
public sealed class HomeworkWindowsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task HomeworkSectionAndProgressPage_ShowOneTurnBalance_OverTheSame28Days_AndTheCaseloadOneAdherence()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var today = factory.Today();
        var turns = await therapist.AssignAsync(couple, "taking-turns", "both", targetPerWeek: 2,
            startsOn: today.AddDays(-30), dueOn: today.AddDays(7));
        var earlier = await therapist.AssignAsync(couple, "taking-turns", "both", targetPerWeek: 1,
            startsOn: today.AddDays(-30), dueOn: today.AddDays(7));

        // A history that straddles both windows: day -20 is inside 28 days and outside 14.
        await alex.LogAsync(turns, HomeworkBuilders.TurnsEntry(today.AddDays(-20), "needing", feltHeard: 3));
        await alex.LogAsync(turns, HomeworkBuilders.TurnsEntry(today.AddDays(-3), "supporting", urgeToFix: 2));
        await sam.LogAsync(turns, HomeworkBuilders.TurnsEntry(today.AddDays(-20), "supporting", urgeToFix: 4));
        await sam.LogAsync(turns, HomeworkBuilders.TurnsEntry(today.AddDays(-2), "needing", feltHeard: 4));
        // Logged under a second taking-turns assignment, since cancelled: the entry still happened and counts.
        await sam.LogAsync(earlier, HomeworkBuilders.TurnsEntry(today.AddDays(-10), "needing", feltHeard: 2));
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{earlier.Id()}",
            new { version = earlier["version"]!.GetValue<uint>(), status = "cancelled" });
        // Outside both windows: never counted.
        await sam.LogAsync(turns, HomeworkBuilders.TurnsEntry(today.AddDays(-29), "supporting", urgeToFix: 1));

        var section = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["items"]!.AsArray()
            .Single(a => a!["id"]!.GetValue<string>() == turns.Id().ToString())!["turnBalance"]!;
        var progress = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");

        section["from"]!.GetValue<string>().Should().Be(today.AddDays(-27).Iso(), "turn balance covers the last 28 days");
        progress["homeworkWindowFrom"]!.GetValue<string>().Should().Be(today.AddDays(-27).Iso());
        var sectionShares = section["partners"]!.AsArray().Select(p => (p!["needing"]!.GetValue<int>(), p["supporting"]!.GetValue<int>(),
            p["needingShare"]!.GetValue<double>())).ToList();
        var progressShares = progress["turnBalance"]!.AsArray().Select(p => (p!["needing"]!.GetValue<int>(), p["supporting"]!.GetValue<int>(),
            p["needingShare"]!.GetValue<double>())).ToList();
        // Alex: needing 1 of 2 → 50 %. Sam: needing 2 of 3 (one from the cancelled assignment) → 67 %.
        sectionShares.Should().Equal((1, 1, 0.5), (2, 1, 0.667));
        progressShares.Should().Equal(sectionShares, "the homework section and the progress page show one figure");

        // Adherence: the caseload's 14-day figure is the homework section's 14-day periods combined (each capped).
        var periods = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["items"]!.AsArray()
            .SelectMany(a => a!["adherence"]!.AsArray()).Select(p => p!["last14Days"]!).ToList();
        periods.Should().OnlyContain(p => p["from"]!.GetValue<string>() == today.AddDays(-13).Iso(), "adherence covers the last 14 days");
        var expected = periods.Sum(p => p["expected"]!.GetValue<double>());
        var combined = periods.Sum(p => Math.Min(p["entries"]!.GetValue<int>(), p["expected"]!.GetValue<double>())) / expected;
        var row = DashboardBuilders.RowOf(await DashboardBuilders.CaseloadAsync(therapist), couple);
        row["adherence14Days"]!.GetValue<double>().Should().BeApproximately(combined, 0.0005);
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("completed")]
    public async Task HomeworkThatEndsEarly_StopsBeingExpected_OnEveryView(string outcome)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var today = factory.Today();
        var assignment = await therapist.AssignAsync(couple, "reach-out", "both", targetPerWeek: 7,
            startsOn: today.AddDays(-13), dueOn: today.AddDays(14));
        // Every day of its first week, by both partners: full adherence while it ran.
        for (var day = -13; day <= -7; day++)
        {
            await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today.AddDays(day)));
            await sam.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today.AddDays(day)));
        }
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{assignment.Id()}",
            new { version = assignment["version"]!.GetValue<uint>(), status = outcome });
        (await EndedOnAsync(assignment.Id())).Should().Be(today, "ending it records the day it ended");
        // Pretend that was a week ago (the clock cannot go back past the sign-ins' tokens).
        await ExecuteAsync($"UPDATE homework_assignments SET ended_on = '{today.AddDays(-7):yyyy-MM-dd}' WHERE id = '{assignment.Id()}'");

        // The homework section: 7 days ran (day -13 to the day it ended) → 7 expected per partner, all logged.
        var item = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["items"]![0]!;
        foreach (var partner in item["adherence"]!.AsArray())
        {
            partner!["last14Days"]!["expected"]!.GetValue<double>().Should().Be(7.0, "nothing is expected after it ended");
            partner["last14Days"]!["ratio"]!.GetValue<double>().Should().Be(1.0);
            partner["thisWeek"]!["expected"]!.GetValue<double>().Should().Be(0.0);
        }

        // The progress page: the weeks it ran expect 7 entries per partner in all, the weeks after it nothing.
        var weekly = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard"))["weeklyAdherence"]!.AsArray();
        foreach (var group in weekly.GroupBy(w => w!["partnerId"]!.GetValue<string>()))
        {
            group.Sum(w => w!["expected"]!.GetValue<double>()).Should().BeApproximately(7.0, 0.01, $"{outcome} homework counts for the days it ran");
            group.Sum(w => w!["entries"]!.GetValue<int>()).Should().Be(7);
        }
        weekly.Should().NotBeEmpty();

        // The caseload: the fortnight's adherence is what was logged while it ran, and nothing is chased.
        var row = DashboardBuilders.RowOf(await DashboardBuilders.CaseloadAsync(therapist), couple);
        row["adherence14Days"]!.GetValue<double>().Should().Be(1.0);
        DashboardBuilders.AlertCodes(row).Should().NotContain("homework_low_adherence");

        // The portal: this week expects nothing of an assignment that has ended.
        var portal = (await alex.GetJsonAsync("/api/portal/homework"))["items"]!.AsArray()
            .Single(a => a!["id"]!.GetValue<string>() == assignment.Id().ToString())!;
        portal["status"]!.GetValue<string>().Should().Be(outcome);
        portal["thisWeek"]!["expected"]!.GetValue<double>().Should().Be(0.0);
        portal["thisWeek"]!["ratio"].Should().BeNull();
    }

    private async Task<DateOnly?> EndedOnAsync(Guid assignmentId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT ended_on FROM homework_assignments WHERE id = '{assignmentId}'", connection);
        return await command.ExecuteScalarAsync() is DateOnly d ? d : null;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
