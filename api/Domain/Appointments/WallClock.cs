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

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
}
