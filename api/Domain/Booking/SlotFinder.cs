using Clinic.Api.Domain.Appointments;

namespace Clinic.Api.Domain.Booking;

/// <summary>A stretch of the therapist's time already taken (a booked or held appointment).</summary>
public readonly record struct BusyTime(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The free times a client may book (DESIGN §16): the therapist's hours on each practice date, minus what is booked
/// (with the buffer either side), no sooner than the minimum notice and no further than the booking horizon. Hours are
/// wall-clock times in the practice's zone and each day is converted on its own, so 09:00 stays 09:00 on either side
/// of a daylight-saving change; a day the clocks change has its real length (an hour of 01:00–04:00 is skipped in
/// spring, repeated in autumn) because slots are counted in elapsed minutes. Slots follow each other with the buffer
/// between them, and after a booked appointment the next one starts when its buffer ends (on a five-minute mark).
/// </summary>
public static class SlotFinder
{
    public static IReadOnlyList<DateTimeOffset> Free(Availability availability, TimeZoneInfo zone, DateOnly from, DateOnly to,
        int durationMinutes, IReadOnlyList<BusyTime> busy, DateTimeOffset now)
    {
        var earliest = now.AddHours(availability.MinNoticeHours);
        var latest = now.AddDays(availability.HorizonDays);
        var duration = TimeSpan.FromMinutes(durationMinutes);
        var buffer = TimeSpan.FromMinutes(availability.BufferMinutes);
        var slots = new List<DateTimeOffset>();
        for (var date = from; date < to; date = date.AddDays(1))
        {
            foreach (var hours in availability.HoursOn(date))
            {
                var (open, close) = Span(date, hours, zone);
                var t = open;
                while (t + duration <= close && t <= latest)
                {
                    if (t < earliest)
                    {
                        t += duration + buffer;
                        continue;
                    }
                    var clash = Clash(t, t + duration, buffer, busy);
                    if (clash is { } taken)
                    {
                        t = CeilToGrid(taken.End + buffer);
                        continue;
                    }
                    slots.Add(t);
                    t += duration + buffer;
                }
            }
        }
        return slots;
    }

    /// <summary>
    /// Whether one start is bookable: inside the hours of its practice date, after the notice, within the horizon, on a
    /// five-minute mark. A time that is bookable but for what is booked is <see cref="Bookability.Taken"/>.
    /// </summary>
    public static Bookability Check(Availability availability, TimeZoneInfo zone, DateTimeOffset start, int durationMinutes,
        IReadOnlyList<BusyTime> busy, DateTimeOffset now)
    {
        var end = start.AddMinutes(durationMinutes);
        if (start < now.AddHours(availability.MinNoticeHours) || start > now.AddDays(availability.HorizonDays)) return Bookability.NotOffered;
        if (start.UtcTicks % TimeSpan.FromMinutes(GridMinutes).Ticks != 0) return Bookability.NotOffered;
        var date = DateOnly.FromDateTime(WallClock.ToLocal(start, zone));
        var inHours = availability.HoursOn(date).Select(h => Span(date, h, zone)).Any(s => s.Open <= start && end <= s.Close);
        if (!inHours) return Bookability.NotOffered;
        return Clash(start, end, TimeSpan.FromMinutes(availability.BufferMinutes), busy) is null ? Bookability.Free : Bookability.Taken;
    }

    private const int GridMinutes = Availability.GridMinutes;

    private static BusyTime? Clash(DateTimeOffset start, DateTimeOffset end, TimeSpan buffer, IReadOnlyList<BusyTime> busy)
    {
        BusyTime? last = null;
        foreach (var b in busy)
            if (start < b.End + buffer && b.Start - buffer < end && (last is null || b.End > last.Value.End)) last = b;
        return last;
    }

    private static DateTimeOffset CeilToGrid(DateTimeOffset t)
    {
        var grid = TimeSpan.FromMinutes(GridMinutes).Ticks;
        var ticks = (t.UtcTicks + grid - 1) / grid * grid;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>The instants a range of wall-clock hours covers on a date: a start the clocks skip opens when they resume.</summary>
    private static (DateTimeOffset Open, DateTimeOffset Close) Span(DateOnly date, HoursRange hours, TimeZoneInfo zone) =>
        (WallClock.ToInstantOrAfter(date.ToDateTime(hours.Start), zone, latest: false),
         WallClock.ToInstantOrAfter(date.ToDateTime(hours.End), zone, latest: true));
}

public enum Bookability { Free, Taken, NotOffered }
