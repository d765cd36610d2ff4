using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Tests.Domain;

public sealed class AdherenceTests
{
    private static readonly Guid Alex = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Sam = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Assignment = Guid.NewGuid();

    // 2026-11-09 and 2026-11-16 are Mondays.
    private static readonly DateOnly Week1 = new(2026, 11, 9);
    private static readonly DateOnly Week2 = new(2026, 11, 16);

    private static EntryFact Entry(Guid partner, DateOnly on) =>
        new(Guid.NewGuid(), Assignment, partner, on, EntryRole.Needing);

    private static IEnumerable<EntryFact> Entries(Guid partner, params DateOnly[] days) => days.Select(d => Entry(partner, d));

    [Theory]
    [InlineData("2026-11-09", "2026-11-09")] // Monday is its own week start
    [InlineData("2026-11-12", "2026-11-09")] // Thursday
    [InlineData("2026-11-15", "2026-11-09")] // Sunday ends the week
    [InlineData("2026-11-16", "2026-11-16")]
    public void WeekStart_IsTheMondayOnOrBefore(string date, string monday)
    {
        Adherence.WeekStart(DateOnly.Parse(date)).Should().Be(DateOnly.Parse(monday));
    }

    [Fact]
    public void Weekly_CountsPerPartnerPerWeekAndCapsAtOne()
    {
        // Target 3. Alex: 2 entries in week 1 → 2/3 = 0.667; 5 in week 2 → 5/3 capped to 1.
        // Sam: 0 in week 1 → 0; 3 in week 2 → 1. The Sunday 2026-11-15 belongs to week 1.
        var entries = Entries(Alex, Week1, Week1.AddDays(6))
            .Concat(Entries(Alex, Week2, Week2, Week2.AddDays(1), Week2.AddDays(2), Week2.AddDays(3)))
            .Concat(Entries(Sam, Week2, Week2.AddDays(4), Week2.AddDays(6)));

        var weeks = Adherence.Weekly(3, entries, [Week1, Week2], [Alex, Sam]);

        weeks.Select(w => (w.PartnerId, w.From, w.Entries, w.Ratio)).Should().Equal(
            (Alex, Week1, 2, 2.0 / 3.0),
            (Alex, Week2, 5, 1.0),
            (Sam, Week1, 0, 0.0),
            (Sam, Week2, 3, 1.0));
        weeks.Should().OnlyContain(w => w.Expected == 3.0);
    }

    [Fact]
    public void Weekly_AssignmentStartingMidWeek_ProratesTheTarget()
    {
        // Starts Thursday 2026-11-12: active Thu–Sun = 4 days → expected 3 × 4/7 = 1.714.
        // One entry → 1/1.714 = 0.583. An entry on the Tuesday before the start is ignored.
        var entries = Entries(Alex, Week1.AddDays(1), Week1.AddDays(5));

        var week = Adherence.Weekly(3, entries, [Week1], [Alex], activeFrom: Week1.AddDays(3)).Single();

        week.Entries.Should().Be(1);
        week.Expected.Should().BeApproximately(12.0 / 7.0, 1e-12);
        week.Ratio.Should().BeApproximately(7.0 / 12.0, 1e-12);
    }

    [Fact]
    public void Weekly_AssignmentDueMidWeek_ProratesTheTarget()
    {
        // Due Tuesday 2026-11-17: active Mon–Tue = 2 days → expected 7 × 2/7 = 2; the Thursday entry is late and ignored.
        var entries = Entries(Alex, Week2, Week2.AddDays(3));

        var week = Adherence.Weekly(7, entries, [Week2], [Alex], activeTo: Week2.AddDays(1)).Single();

        week.Expected.Should().Be(2.0);
        week.Entries.Should().Be(1);
        week.Ratio.Should().Be(0.5);
    }

    [Fact]
    public void Weekly_WeekOutsideTheAssignment_ExpectsNothing()
    {
        var week = Adherence.Weekly(3, [], [Week1], [Alex], activeFrom: Week2).Single();

        week.Expected.Should().Be(0);
        week.Ratio.Should().BeNull();
    }

    [Fact]
    public void Weekly_ZeroTarget_GivesNullRatherThanDividingByZero()
    {
        var week = Adherence.Weekly(0, Entries(Alex, Week1), [Week1], [Alex]).Single();

        week.Entries.Should().Be(1);
        week.Ratio.Should().BeNull();
    }

    [Fact]
    public void Weekly_NegativeTarget_Throws()
    {
        var act = () => Adherence.Weekly(-1, [], [Week1], [Alex]);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Weekly_WeekStartNotMonday_Throws()
    {
        var act = () => Adherence.Weekly(3, [], [Week1.AddDays(1)], [Alex]);

        act.Should().Throw<ArgumentException>().WithMessage("*Tuesday*");
    }

    [Fact]
    public void OverWindow_FourteenDaysEndingToday_ExpectsTwiceTheWeeklyTarget()
    {
        // Today Sunday 2026-11-22 → window 2026-11-09..2026-11-22. Target 3 → expected 6.
        // Alex: 3 inside + 1 on 2026-11-08 (outside) → 3/6 = 0.5. Sam: 8 → capped at 1.
        var today = new DateOnly(2026, 11, 22);
        var entries = Entries(Alex, Week1, Week1.AddDays(7), today, Week1.AddDays(-1))
            .Concat(Enumerable.Range(0, 8).Select(i => Entry(Sam, Week1.AddDays(i))));

        var window = Adherence.OverWindow(3, entries, [Alex, Sam], today);

        window.Select(w => (w.PartnerId, w.From, w.To, w.Entries, w.Expected, w.Ratio)).Should().Equal(
            (Alex, Week1, today, 3, 6.0, 0.5),
            (Sam, Week1, today, 8, 6.0, 1.0));
    }

    [Fact]
    public void OverWindow_AssignmentStartedFiveDaysAgo_CountsOnlyActiveDays()
    {
        // Active 2026-11-18..2026-11-22 = 5 days → expected 3 × 5/7 = 15/7; 1 entry → 7/15.
        var today = new DateOnly(2026, 11, 22);

        var window = Adherence.OverWindow(3, Entries(Alex, today), [Alex], today, activeFrom: new DateOnly(2026, 11, 18)).Single();

        window.Expected.Should().BeApproximately(15.0 / 7.0, 1e-12);
        window.Ratio.Should().BeApproximately(7.0 / 15.0, 1e-12);
    }

    [Fact]
    public void Combined_CapsEachPeriodAtWhatItExpected_SoOneOverPractisedAssignmentCannotHideAnother()
    {
        var overdone = new AdherencePeriod(Alex, Week1, Week1.AddDays(6), Entries: 5, Expected: 3, Ratio: 1);
        var untouched = new AdherencePeriod(Alex, Week1, Week1.AddDays(6), Entries: 0, Expected: 3, Ratio: 0);

        // min(5, 3) + min(0, 3) = 3 of 6 expected; uncapped it would read 5 / 6.
        Adherence.Combined([overdone, untouched]).Should().Be(0.5);
        Adherence.Combined([new AdherencePeriod(Alex, Week1, Week1.AddDays(6), 2, Expected: 0, Ratio: null)]).Should().BeNull();
        Adherence.Combined([]).Should().BeNull();
    }
}
