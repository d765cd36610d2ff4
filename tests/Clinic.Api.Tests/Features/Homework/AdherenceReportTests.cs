using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

/// <summary>
/// The therapist's numbers for a known set of entries, worked out by hand. The clock is moved to a
/// Sunday noon first, so "this week" is a whole Monday–Sunday week and the 14-day window is exactly
/// last week plus this one.
/// </summary>
public sealed class AdherenceReportTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private void MoveClockToSundayNoon()
    {
        var now = factory.Clock.GetUtcNow();
        var daysToSunday = ((int)DayOfWeek.Sunday - (int)now.DayOfWeek + 7) % 7;
        var target = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(daysToSunday).AddHours(12);
        if (target <= now) target = target.AddDays(7);
        factory.Clock.Advance(target - now);
    }

    [Fact]
    public async Task ListHomework_ReportsAdherenceTurnBalanceAndGaps_AsComputedByHand()
    {
        MoveClockToSundayNoon();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var sunday = factory.Today();
        sunday.DayOfWeek.Should().Be(DayOfWeek.Sunday);
        var monday = sunday.AddDays(-6);
        // Runs from last Monday, so the 14-day window (last Monday .. today) is fully active.
        var assignment = await therapist.AssignAsync(couple, "taking-turns", "both", targetPerWeek: 2,
            startsOn: monday.AddDays(-7), dueOn: sunday.AddDays(7));

        // Alex: three entries this week, none last week. Sam: one last week, one this week, one withdrawn.
        await alex.LogAsync(assignment, HomeworkBuilders.TurnsEntry(monday.AddDays(1), "needing", feltHeard: 1));
        await alex.LogAsync(assignment, HomeworkBuilders.TurnsEntry(monday.AddDays(3), "supporting", "private", urgeToFix: 5));
        await alex.LogAsync(assignment, HomeworkBuilders.TurnsEntry(monday.AddDays(5), "needing", feltHeard: 4));
        await sam.LogAsync(assignment, HomeworkBuilders.TurnsEntry(monday.AddDays(-5), "supporting", urgeToFix: 2));
        await sam.LogAsync(assignment, HomeworkBuilders.TurnsEntry(monday.AddDays(1), "supporting", urgeToFix: 2));
        var withdrawn = await sam.LogAsync(assignment, HomeworkBuilders.TurnsEntry(monday.AddDays(2), "needing", feltHeard: 5));
        (await sam.DeleteAsync($"/api/portal/entries/{withdrawn.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var item = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["items"]![0]!;

        var alexRow = item["adherence"]![0]!;
        var samRow = item["adherence"]![1]!;
        alexRow["label"]!.GetValue<string>().Should().Be("partner_a");
        // This week: target 2 over 7 active days → 2 expected. Alex 3/2 capped at 1; Sam 1/2.
        alexRow["thisWeek"]!["from"]!.GetValue<string>().Should().Be(monday.Iso());
        alexRow["thisWeek"]!["entries"]!.GetValue<int>().Should().Be(3);
        alexRow["thisWeek"]!["expected"]!.GetValue<double>().Should().Be(2.0);
        alexRow["thisWeek"]!["ratio"]!.GetValue<double>().Should().Be(1.0);
        samRow["thisWeek"]!["entries"]!.GetValue<int>().Should().Be(1, "the withdrawn entry does not count");
        samRow["thisWeek"]!["ratio"]!.GetValue<double>().Should().Be(0.5);
        // Last 14 days: 2 per week × 2 weeks → 4 expected. Alex 3/4; Sam 2/4.
        alexRow["last14Days"]!["from"]!.GetValue<string>().Should().Be(monday.AddDays(-7).Iso());
        alexRow["last14Days"]!["expected"]!.GetValue<double>().Should().Be(4.0);
        alexRow["last14Days"]!["ratio"]!.GetValue<double>().Should().Be(0.75);
        samRow["last14Days"]!["entries"]!.GetValue<int>().Should().Be(2);
        samRow["last14Days"]!["ratio"]!.GetValue<double>().Should().Be(0.5);

        // Turn balance: Alex needing 2 of 3 → 0.667; Sam needing 0 of 2 (the withdrawn "needing" is left out) → 0.
        var turns = item["turnBalance"]!["partners"]!;
        turns[0]!["needing"]!.GetValue<int>().Should().Be(2);
        turns[0]!["supporting"]!.GetValue<int>().Should().Be(1);
        turns[0]!["needingShare"]!.GetValue<double>().Should().Be(0.667);
        turns[1]!["needingShare"]!.GetValue<double>().Should().Be(0.0);

        item["entryCounts"]!["total"]!.GetValue<int>().Should().Be(5);
        item["entryCounts"]!["shared"]!.GetValue<int>().Should().Be(4);
        item["entryCounts"]!["private"]!.GetValue<int>().Should().Be(1);
        item["entryCounts"]!["withdrawn"]!.GetValue<int>().Should().Be(1);

        // Tuesday: Alex needed and felt unheard (1) while Sam, supporting, felt little urge to fix (2): a pair that disagrees.
        // Saturday: Alex needed and Sam logged nothing that day: an unmatched need.
        var entries = await therapist.GetJsonAsync($"/api/homework/{assignment.Id()}/entries");
        entries["entries"]!.AsArray().Should().HaveCount(6);
        entries["entries"]!.AsArray().Select(e => e!["occurredOn"]!.GetValue<string>()).Should().BeInDescendingOrder("newest first, as the portal lists them");
        entries["pairs"]!.AsArray().Should().ContainSingle().Which!["occurredOn"]!.GetValue<string>().Should().Be(monday.AddDays(1).Iso());
        var gaps = entries["gaps"]!.AsArray();
        gaps.Select(g => (g!["kind"]!.GetValue<string>(), g["occurredOn"]!.GetValue<string>())).Should().Equal(
            ("response_mismatch", monday.AddDays(1).Iso()), ("unmatched_need", monday.AddDays(5).Iso()));

        // Alex's own view of the week matches the therapist's.
        var mine = (await alex.GetJsonAsync("/api/portal/homework"))["items"]![0]!["thisWeek"]!;
        mine["entries"]!.GetValue<int>().Should().Be(3);
        mine["ratio"]!.GetValue<double>().Should().Be(1.0);
        mine["doneForTheWeek"]!.GetValue<bool>().Should().Be(mine["entries"]!.GetValue<int>() >= mine["target"]!.GetValue<int>());
    }
}
