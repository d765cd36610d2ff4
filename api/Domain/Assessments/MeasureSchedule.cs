namespace Clinic.Api.Domain.Assessments;

/// <summary>
/// "Ask this partner for this instrument every N weeks, from a date, until a date or for a count"
/// (DESIGN §11). Occurrence k falls on <see cref="StartsOn"/> + 7·N·k days: calendar dates in the
/// practice's zone, so a daylight-saving change moves nothing. Stopping is a soft end.
/// </summary>
public sealed class MeasureSchedule
{
    public const int MaxEveryWeeks = 12;
    public const int MaxOccurrences = 260;

    private MeasureSchedule() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Instrument { get; private set; } = "";
    public int EveryWeeks { get; private set; }
    public DateOnly StartsOn { get; private set; }
    /// <summary>The last day an occurrence may fall on; set when <see cref="Occurrences"/> is not.</summary>
    public DateOnly? UntilOn { get; private set; }
    /// <summary>How many requests in all; set when <see cref="UntilOn"/> is not.</summary>
    public int? Occurrences { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }
    public Guid? StoppedBy { get; private set; }

    public static MeasureSchedule Start(Guid coupleId, Guid partnerId, string instrument, int everyWeeks, DateOnly startsOn,
        DateOnly? untilOn, int? occurrences, Guid createdBy, DateTimeOffset now)
    {
        if (everyWeeks is < 1 or > MaxEveryWeeks) throw new ArgumentOutOfRangeException(nameof(everyWeeks));
        if ((untilOn is null) == (occurrences is null))
            throw new ArgumentException("A schedule ends on a date or after a count, one of the two.", nameof(untilOn));
        if (untilOn < startsOn) throw new ArgumentOutOfRangeException(nameof(untilOn));
        if (occurrences is < 1 or > MaxOccurrences) throw new ArgumentOutOfRangeException(nameof(occurrences));
        return new MeasureSchedule
        {
            Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, Instrument = instrument, EveryWeeks = everyWeeks,
            StartsOn = startsOn, UntilOn = untilOn, Occurrences = occurrences, CreatedAt = now, CreatedBy = createdBy,
        };
    }

    public bool IsStopped => StoppedAt is not null;

    /// <summary><see cref="IsStopped"/> for the dashboards' raw SQL; SqlRulesTests evaluates both over the same rows.</summary>
    public static string IsStoppedSql(string alias) => $"{alias}.stopped_at IS NOT NULL";

    /// <summary>The day of occurrence <paramref name="index"/> (0-based), or null past the schedule's end.</summary>
    public DateOnly? OccurrenceOn(int index)
    {
        if (index < 0 || (Occurrences is { } count && index >= count)) return null;
        var day = StartsOn.AddDays(7 * EveryWeeks * index);
        return UntilOn is { } until && day > until ? null : day;
    }

    /// <summary>The latest occurrence on or before <paramref name="today"/>: the request that should exist now.</summary>
    public DateOnly? LatestDueOn(DateOnly today)
    {
        if (IsStopped || today < StartsOn) return null;
        var index = (today.DayNumber - StartsOn.DayNumber) / (7 * EveryWeeks);
        if (Occurrences is { } count) index = Math.Min(index, count - 1);
        for (; index >= 0; index--)
            if (OccurrenceOn(index) is { } day) return day;
        return null;
    }

    /// <summary>The first occurrence after <paramref name="today"/>; null once the schedule has run out or stopped.</summary>
    public DateOnly? NextDueAfter(DateOnly today)
    {
        if (IsStopped) return null;
        var index = today < StartsOn ? 0 : (today.DayNumber - StartsOn.DayNumber) / (7 * EveryWeeks) + 1;
        return OccurrenceOn(index);
    }

    /// <summary>Still has occurrences to come (or one due today) and has not been stopped.</summary>
    public bool IsRunning(DateOnly today) => !IsStopped && (NextDueAfter(today) is not null || LatestDueOn(today) == today);

    /// <summary>Stops future requests. The record and every request it made stay.</summary>
    public void Stop(Guid by, DateTimeOffset now)
    {
        if (IsStopped) throw new InvalidOperationException("This schedule is already stopped.");
        StoppedAt = now;
        StoppedBy = by;
    }
}
