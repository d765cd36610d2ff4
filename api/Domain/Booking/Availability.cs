namespace Clinic.Api.Domain.Booking;

/// <summary>Working hours on one day of the week, in the practice's zone ("monday", 09:00–13:00).</summary>
public sealed record WeeklyHours(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>Hours from one time to another on a day, in the practice's zone.</summary>
public sealed record HoursRange(TimeOnly Start, TimeOnly End);

/// <summary>On this date, these hours instead of the week's (none: not working that day).</summary>
public sealed record DateHours(DateOnly Date, IReadOnlyList<HoursRange> Hours);

/// <summary>Days away, from one date to another inclusive; the note is the therapist's own ("Conference").</summary>
public sealed record TimeOffPeriod(DateOnly From, DateOnly To, string? Note);

/// <summary>What a therapist sets; every rule of <see cref="Availability"/> is checked when it is set.</summary>
public sealed record AvailabilitySettings(IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<DateHours> Exceptions,
    IReadOnlyList<TimeOffPeriod> TimeOff, int BufferMinutes, int HorizonDays, int MinNoticeHours, int JointMinutes,
    int IndividualMinutes, bool AutoApprove, int CancellationWindowHours);

/// <summary>
/// A therapist's working hours and booking rules (DESIGN §16): weekly hours in the practice's zone, dated exceptions
/// and time off, a buffer between appointments, how far ahead and how soon clients may book, the default lengths of
/// joint and individual sessions, whether a request both partners agreed to is booked at once, and the cancellation
/// window inside which a client's cancellation is late. A therapist with no row yet has <see cref="Defaults"/>.
/// </summary>
public sealed class Availability
{
    public const int MaxBufferMinutes = 60;
    public const int MinHorizonDays = 1, MaxHorizonDays = 90;
    public const int MinNoticeHoursFloor = 2, MaxNoticeHours = 168;
    public const int MaxCancellationWindowHours = 168;
    public const int MaxRangesPerDay = 6;
    public const int MaxExceptions = 200;
    public const int MaxTimeOff = 100;
    public const int MaxNoteLength = 100;
    /// <summary>Slots start on five-minute marks.</summary>
    public const int GridMinutes = 5;

    private Availability() { }

    public Guid TherapistId { get; private set; }
    public List<WeeklyHours> Weekly { get; private set; } = [];
    public List<DateHours> Exceptions { get; private set; } = [];
    public List<TimeOffPeriod> TimeOff { get; private set; } = [];
    public int BufferMinutes { get; private set; }
    public int HorizonDays { get; private set; }
    public int MinNoticeHours { get; private set; }
    public int JointMinutes { get; private set; }
    public int IndividualMinutes { get; private set; }
    public bool AutoApprove { get; private set; }
    public int CancellationWindowHours { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>No hours yet: clients are offered nothing until the therapist sets some.</summary>
    public static AvailabilitySettings Defaults { get; } = new([], [], [], BufferMinutes: 10, HorizonDays: 28, MinNoticeHours: 24,
        JointMinutes: 50, IndividualMinutes: 50, AutoApprove: false, CancellationWindowHours: 24);

    /// <summary>The rules a therapist who never set any works by (not stored).</summary>
    public static Availability For(Guid therapistId)
    {
        var availability = new Availability { TherapistId = therapistId };
        availability.Apply(Defaults);
        return availability;
    }

    public static Availability Create(Guid therapistId, AvailabilitySettings settings, DateTimeOffset now)
    {
        var availability = new Availability { TherapistId = therapistId };
        availability.Set(settings, now);
        return availability;
    }

    public void Set(AvailabilitySettings settings, DateTimeOffset now)
    {
        Check(settings);
        Apply(settings);
        UpdatedAt = now.AddTicks(-(now.Ticks % 10)); // as stored: PostgreSQL keeps microseconds
    }

    public AvailabilitySettings Settings => new(Weekly, Exceptions, TimeOff, BufferMinutes, HorizonDays, MinNoticeHours, JointMinutes,
        IndividualMinutes, AutoApprove, CancellationWindowHours);

    public bool HasHours => Weekly.Count > 0 || Exceptions.Any(e => e.Hours.Count > 0);

    public int DurationFor(bool joint) => joint ? JointMinutes : IndividualMinutes;

    /// <summary>The hours worked on a date: none on time off, a dated exception's hours, else the week's for that day.</summary>
    public IReadOnlyList<HoursRange> HoursOn(DateOnly date)
    {
        if (TimeOff.Any(t => t.From <= date && date <= t.To)) return [];
        if (Exceptions.FirstOrDefault(e => e.Date == date) is { } exception) return exception.Hours.OrderBy(h => h.Start).ToList();
        return Weekly.Where(w => w.Day == date.DayOfWeek).OrderBy(w => w.Start).Select(w => new HoursRange(w.Start, w.End)).ToList();
    }

    private void Apply(AvailabilitySettings s)
    {
        Weekly = s.Weekly.OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.Start).ToList();
        Exceptions = s.Exceptions.OrderBy(e => e.Date)
            .Select(e => new DateHours(e.Date, e.Hours.OrderBy(h => h.Start).ToList())).ToList();
        TimeOff = s.TimeOff.OrderBy(t => t.From).Select(t => t with { Note = string.IsNullOrWhiteSpace(t.Note) ? null : t.Note.Trim() }).ToList();
        BufferMinutes = s.BufferMinutes;
        HorizonDays = s.HorizonDays;
        MinNoticeHours = s.MinNoticeHours;
        JointMinutes = s.JointMinutes;
        IndividualMinutes = s.IndividualMinutes;
        AutoApprove = s.AutoApprove;
        CancellationWindowHours = s.CancellationWindowHours;
    }

    private static void Check(AvailabilitySettings s)
    {
        if (s.BufferMinutes is < 0 or > MaxBufferMinutes)
            throw DomainRuleException.Invalid("bufferMinutes", $"The buffer between appointments is 0 to {MaxBufferMinutes} minutes.");
        if (s.HorizonDays is < MinHorizonDays or > MaxHorizonDays)
            throw DomainRuleException.Invalid("horizonDays", $"Clients may book {MinHorizonDays} to {MaxHorizonDays} days ahead.");
        if (s.MinNoticeHours is < MinNoticeHoursFloor or > MaxNoticeHours)
            throw DomainRuleException.Invalid("minNoticeHours", $"The minimum notice is {MinNoticeHoursFloor} to {MaxNoticeHours} hours.");
        if (s.CancellationWindowHours is < 0 or > MaxCancellationWindowHours)
            throw DomainRuleException.Invalid("cancellationWindowHours", $"The cancellation window is 0 to {MaxCancellationWindowHours} hours.");
        foreach (var (field, minutes) in new[] { ("jointMinutes", s.JointMinutes), ("individualMinutes", s.IndividualMinutes) })
            if (minutes is < Appointments.Appointment.MinDurationMinutes or > Appointments.Appointment.MaxDurationMinutes)
                throw DomainRuleException.Invalid(field,
                    $"A session lasts {Appointments.Appointment.MinDurationMinutes} to {Appointments.Appointment.MaxDurationMinutes} minutes.");

        for (var i = 0; i < s.Weekly.Count; i++) CheckRange($"weekly[{i}]", s.Weekly[i].Start, s.Weekly[i].End);
        foreach (var day in s.Weekly.Select((w, i) => (w, i)).GroupBy(x => x.w.Day))
            CheckDay($"weekly[{day.Last().i}]", day.Select(x => new HoursRange(x.w.Start, x.w.End)).ToList());

        if (s.Exceptions.Count > MaxExceptions)
            throw DomainRuleException.Invalid("exceptions", $"At most {MaxExceptions} dated exceptions; remove the past ones.");
        for (var i = 0; i < s.Exceptions.Count; i++)
        {
            var hours = s.Exceptions[i].Hours;
            for (var j = 0; j < hours.Count; j++) CheckRange($"exceptions[{i}].hours[{j}]", hours[j].Start, hours[j].End);
            CheckDay($"exceptions[{i}].hours", hours);
        }
        var twice = s.Exceptions.Select((e, i) => (e, i)).GroupBy(x => x.e.Date).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw DomainRuleException.Invalid($"exceptions[{twice.Last().i}].date", "Give each date's hours once.");

        if (s.TimeOff.Count > MaxTimeOff)
            throw DomainRuleException.Invalid("timeOff", $"At most {MaxTimeOff} periods of time off; remove the past ones.");
        for (var i = 0; i < s.TimeOff.Count; i++)
        {
            if (s.TimeOff[i].To < s.TimeOff[i].From)
                throw DomainRuleException.Invalid($"timeOff[{i}].to", "Time off ends on or after the day it starts.");
            if (s.TimeOff[i].Note is { Length: > MaxNoteLength })
                throw DomainRuleException.Invalid($"timeOff[{i}].note", $"Keep the note to {MaxNoteLength} characters.");
        }
    }

    private static void CheckRange(string field, TimeOnly start, TimeOnly end)
    {
        if (end <= start) throw DomainRuleException.Invalid(field + ".end", "Hours end after they start.");
        if (start.Minute % GridMinutes != 0 || end.Minute % GridMinutes != 0 || start.Second != 0 || end.Second != 0)
            throw DomainRuleException.Invalid(field + ".start", $"Hours start and end on a {GridMinutes}-minute mark (09:00, 13:30).");
    }

    private static void CheckDay(string field, IReadOnlyList<HoursRange> ranges)
    {
        if (ranges.Count > MaxRangesPerDay)
            throw DomainRuleException.Invalid(field, $"At most {MaxRangesPerDay} ranges of hours a day.");
        var ordered = ranges.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].Start < ordered[i - 1].End)
                throw DomainRuleException.Invalid(field, "The hours of one day overlap; join them into one range.");
    }
}
