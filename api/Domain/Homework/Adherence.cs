namespace Clinic.Api.Domain.Homework;

/// <param name="Expected">Target scaled to the active days counted (target × days / 7).</param>
/// <param name="Ratio">Entries ÷ expected, capped at 1; null when nothing was expected.</param>
public sealed record AdherencePeriod(Guid PartnerId, DateOnly From, DateOnly To, int Entries, double Expected, double? Ratio);

/// <summary>
/// Homework adherence: entries logged ÷ target, per partner, capped at 1 (DESIGN §4).
/// <para>
/// Weeks run Monday to Sunday on the calendar date the client gave as <c>occurredOn</c>.
/// Only days inside the assignment's active span [<c>activeFrom</c>, <c>activeTo</c>] count:
/// a week the assignment covers partly (it started on a Thursday, or it is due mid-week)
/// expects target × activeDays / 7 entries, so a couple is not marked down for days they were
/// never asked to practise. Entries outside the span are ignored. To judge a week still in
/// progress, pass today as <c>activeTo</c>.
/// </para>
/// A target of 0 expects nothing, so the ratio is null rather than a division by zero.
/// </summary>
public static class Adherence
{
    /// <summary>The adherence window (<see cref="HomeworkWindows.AdherenceDays"/>).</summary>
    public const int WindowDays = HomeworkWindows.AdherenceDays;

    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>"Done for this week": the partner has logged the week's target (the portal says so and asks for no more).</summary>
    public static bool DoneForTheWeek(int entries, int targetPerWeek) => targetPerWeek > 0 && entries >= targetPerWeek;

    /// <summary>One row per partner per week, partners outer, weeks in the order given.</summary>
    /// <exception cref="ArgumentException">A week start is not a Monday.</exception>
    public static IReadOnlyList<AdherencePeriod> Weekly(
        int targetPerWeek,
        IEnumerable<EntryFact> entries,
        IEnumerable<DateOnly> weekStarts,
        IEnumerable<Guid> partners,
        DateOnly? activeFrom = null,
        DateOnly? activeTo = null)
    {
        var weeks = weekStarts as IReadOnlyList<DateOnly> ?? weekStarts.ToList();
        foreach (var week in weeks)
            if (week.DayOfWeek != DayOfWeek.Monday)
                throw new ArgumentException($"Weeks start on Monday; {week:yyyy-MM-dd} is a {week.DayOfWeek}.", nameof(weekStarts));

        var all = entries as IReadOnlyList<EntryFact> ?? entries.ToList();
        var periods = new List<AdherencePeriod>();
        foreach (var partner in partners)
            foreach (var week in weeks)
                periods.Add(Measure(targetPerWeek, all, partner, week, week.AddDays(6), activeFrom, activeTo));
        return periods;
    }

    /// <summary>The <see cref="WindowDays"/> days ending on (and including) <paramref name="windowEnd"/>, per partner.</summary>
    public static IReadOnlyList<AdherencePeriod> OverWindow(
        int targetPerWeek,
        IEnumerable<EntryFact> entries,
        IEnumerable<Guid> partners,
        DateOnly windowEnd,
        DateOnly? activeFrom = null,
        DateOnly? activeTo = null)
    {
        var all = entries as IReadOnlyList<EntryFact> ?? entries.ToList();
        var from = windowEnd.AddDays(-(WindowDays - 1));
        var periods = new List<AdherencePeriod>();
        foreach (var partner in partners) periods.Add(Measure(targetPerWeek, all, partner, from, windowEnd, activeFrom, activeTo));
        return periods;
    }

    /// <summary>
    /// Adherence across several periods — several assignments, or both partners: entries ÷ expected, each
    /// period's entries capped at what it expected, so one over-practised exercise cannot hide another left
    /// undone. Null when nothing was expected. Both dashboards use this for more than one assignment.
    /// </summary>
    public static double? Combined(IEnumerable<AdherencePeriod> periods)
    {
        double expected = 0, done = 0;
        foreach (var p in periods)
        {
            expected += p.Expected;
            done += Math.Min(p.Entries, p.Expected);
        }
        return expected > 0 ? done / expected : null;
    }

    private static AdherencePeriod Measure(
        int targetPerWeek, IReadOnlyList<EntryFact> entries, Guid partner,
        DateOnly from, DateOnly to, DateOnly? activeFrom, DateOnly? activeTo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetPerWeek);

        var first = activeFrom is { } a && a > from ? a : from;
        var last = activeTo is { } b && b < to ? b : to;
        var activeDays = Math.Max(0, last.DayNumber - first.DayNumber + 1);

        var count = 0;
        if (activeDays > 0)
            for (var i = 0; i < entries.Count; i++)
                if (entries[i].PartnerId == partner && entries[i].OccurredOn >= first && entries[i].OccurredOn <= last) count++;
        var expected = targetPerWeek * activeDays / 7.0;
        double? ratio = expected > 0 ? Math.Min(1.0, count / expected) : null;
        return new AdherencePeriod(partner, from, to, count, expected, ratio);
    }
}
