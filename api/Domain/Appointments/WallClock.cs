namespace Clinic.Api.Domain.Appointments;

/// <summary>
/// Between the practice's wall clock and instants. A booking is made in local time and stored as an
/// instant with its zone, so "17:00" stays 17:00 on either side of a daylight-saving change.
/// NodaTime's ZoneLocalMapping would replace this; the two edge cases are the only rules here.
/// </summary>
public static class WallClock
{
    /// <summary>
    /// The instant of a local time, or null when that time does not exist (skipped by the clocks
    /// going forward). A time that happens twice (clocks going back) is its first occurrence.
    /// </summary>
    public static DateTimeOffset? ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The instant of a wall-clock time, never null: a time the clocks skip becomes the moment they resume (02:30 on a
    /// spring-forward night at 02:00 opens at 03:00 summer time); one that happens twice is its first occurrence, or its
    /// second when <paramref name="latest"/> (the end of a range of hours keeps the whole repeated hour).
    /// </summary>
    public static DateTimeOffset ToInstantOrAfter(DateTime local, TimeZoneInfo zone, bool latest)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var skippedTo = local;
        while (zone.IsInvalidTime(skippedTo)) skippedTo = skippedTo.AddMinutes(1); // a gap is an hour, rarely two
        if (skippedTo != local) return new DateTimeOffset(skippedTo, zone.GetUtcOffset(skippedTo)).ToUniversalTime();
        if (!zone.IsAmbiguousTime(local)) return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        var offsets = zone.GetAmbiguousTimeOffsets(local);
        return new DateTimeOffset(local, latest ? offsets.Min() : offsets.Max()).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
}
