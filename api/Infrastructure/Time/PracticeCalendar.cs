using Microsoft.Extensions.Options;

namespace Clinic.Api.Infrastructure.Time;

public sealed class PracticeOptions
{
    /// <summary>The practice's IANA time zone ("Australia/Sydney"); its dates are the ones therapists and clients live by.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The practice's name as clients know it: it signs every email.</summary>
    public string Name { get; set; } = "Clinic";

    /// <summary>The address clients and therapists open (Clinic:PublicUrl): every link in an email starts with it.</summary>
    public string PublicUrl { get; set; } = "http://localhost:8080";
}

/// <summary>
/// "Today" is the practice's date, not UTC's: a client in Sydney logging Monday's homework at 9 am is
/// on Sunday in UTC, and a UTC calendar would refuse the entry as dated in the future. Entry dates,
/// due dates, homework weeks and the dashboards' "today" all come from here.
/// </summary>
public sealed class PracticeCalendar
{
    private readonly TimeProvider _clock;

    public PracticeCalendar(TimeProvider clock, IOptions<PracticeOptions> options)
    {
        _clock = clock;
        Zone = Find(options.Value.TimeZone);
    }

    public TimeZoneInfo Zone { get; }

    public DateOnly Today() => DateOf(_clock.GetUtcNow());

    /// <summary>The practice's date at an instant (a request sent, a questionnaire completed).</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public const string UnknownZoneMessage =
        "Clinic:Practice:TimeZone is not a time zone this machine knows: use an IANA id such as Europe/London (Clinic__Practice__TimeZone).";

    public static TimeZoneInfo? TryFind(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    private static TimeZoneInfo Find(string id) => TryFind(id) ?? throw new InvalidOperationException(UnknownZoneMessage);
}
