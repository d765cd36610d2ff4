using System.Linq.Expressions;
using System.Text.Json;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Domain.Appointments;

public enum Attendees { Both, PartnerA, PartnerB }

public enum AppointmentFormat { InPerson, Video }

public enum AppointmentStatus { Booked, Held, Cancelled, LateCancelled, NoShow }

/// <summary>What a therapist books or changes: when (an instant already placed in the practice's zone) and how.</summary>
public sealed record AppointmentDetails(DateTimeOffset StartsAt, string TimeZone, int DurationMinutes, Attendees Attendees,
    AppointmentFormat Format, string? VideoLink, string NoteToClients);

/// <summary>
/// A booked meeting of the therapist with one or both partners (DESIGN §9). Only a booked
/// appointment changes; held, cancelled, late-cancelled and no-show are outcomes and stay as recorded.
/// </summary>
public sealed class Appointment
{
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 240;
    public const int MaxNoteLength = 500;
    public const int MaxVideoLinkLength = 500;

    private Appointment() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid TherapistId { get; private set; }
    /// <summary>The instant, in UTC; <see cref="TimeZone"/> says which wall clock it was booked on.</summary>
    public DateTimeOffset StartsAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public int DurationMinutes { get; private set; }
    public Attendees Attendees { get; private set; }
    public AppointmentFormat Format { get; private set; }
    public string? VideoLink { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public string NoteToClients { get; private set; } = "";
    /// <summary>Raised on every change clients are told about, so calendars replace the event they hold.</summary>
    public int Sequence { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public Guid ChangedBy { get; private set; }
    public uint Version { get; private set; }
    /// <summary>
    /// The therapist confirmed that this one overlaps another on purpose: the database's no-overlap rule
    /// (<see cref="NoOverlapConstraint"/>) leaves it out. False for every booking that overlaps nothing.
    /// </summary>
    public bool OverlapConfirmed { get; private set; }

    /// <summary>The exclusion constraint over the therapist's booked and held time (migration 0320).</summary>
    public const string NoOverlapConstraint = "ex_appointments_therapist_time";

    /// <summary>What the second of two bookings racing for one time is told, whoever made it.</summary>
    public const string TimeTakenMessage = "This time has just been taken by another booking. Choose another time.";

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
    public bool IsBooked => Status == AppointmentStatus.Booked;
    public bool IsHeld => Status == AppointmentStatus.Held;

    /// <summary>The dashboards' SQL for <see cref="IsBooked"/> and <see cref="IsHeld"/> (checked row by row against them).</summary>
    public static string IsBookedSql(string alias) => $"{alias}.status = 'booked'";
    public static string IsHeldSql(string alias) => $"{alias}.status = 'held'";
    public bool IsJoint => Attendees == Attendees.Both;
    /// <summary>The statuses in which an appointment takes the therapist's time: booked or held.</summary>
    public static readonly AppointmentStatus[] TimeTaking = [AppointmentStatus.Booked, AppointmentStatus.Held];

    public bool TakesTime => TimeTaking.Contains(Status);

    /// <summary>
    /// The double-booking rule, as a query the database runs: it takes time and meets [start, end).
    /// AppointmentRules.RequireNoOverlapAsync asks it; an expression, so EF translates the one definition.
    /// </summary>
    public static Expression<Func<Appointment, bool>> Overlapping(DateTimeOffset start, DateTimeOffset end) =>
        a => TimeTaking.Contains(a.Status) && a.StartsAt < end && start < a.StartsAt.AddMinutes(a.DurationMinutes);

    /// <param name="overlapConfirmed">It overlaps another of the therapist's appointments and the therapist said so on purpose.</param>
    public static Appointment Book(Couple couple, AppointmentDetails details, Guid by, DateTimeOffset now, bool overlapConfirmed = false)
    {
        couple.EnsureOpen();
        var appointment = new Appointment
        {
            Id = Guid.NewGuid(), CoupleId = couple.Id, TherapistId = couple.TherapistId, Status = AppointmentStatus.Booked,
            CreatedAt = now, CreatedBy = by, OverlapConfirmed = overlapConfirmed,
        };
        appointment.Apply(details, by, now);
        return appointment;
    }

    /// <summary>Moves or changes a booked appointment; <paramref name="overlapConfirmed"/> as for <see cref="Book"/>, at its new time.</summary>
    public void Change(AppointmentDetails details, Guid by, DateTimeOffset now, bool? overlapConfirmed = null)
    {
        EnsureBooked();
        Apply(details, by, now);
        if (overlapConfirmed is { } confirmed) OverlapConfirmed = confirmed;
        Sequence++;
    }

    /// <summary>Cancelled, late-cancelled or no-show: the outcome of a booked appointment, final once set.</summary>
    public void Close(AppointmentStatus outcome, Guid by, DateTimeOffset now)
    {
        if (outcome is AppointmentStatus.Booked or AppointmentStatus.Held)
            throw DomainRuleException.Invalid("status", "An appointment is closed as cancelled, late_cancelled or no_show.");
        EnsureBooked();
        Status = outcome;
        Sequence++;
        Touch(by, now);
    }

    /// <summary>The appointment's day on the practice's calendar (<paramref name="zone"/>, the practice's zone).</summary>
    public DateOnly DayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(WallClock.ToLocal(StartsAt, zone));

    /// <summary>
    /// Whether the session can be recorded from it on <paramref name="today"/> (the practice's date): it takes time (booked,
    /// or held already) and its day has come. <see cref="Hold"/> enforces it and the therapist's list sends it
    /// (<c>canBeHeldToday</c>), so the screen offers "Record session" exactly when holding would succeed.
    /// </summary>
    public bool CanBeHeldOn(DateOnly today, TimeZoneInfo zone) => TakesTime && DayIn(zone) <= today;

    public const string HoldNotTakingTimeMessage = "A cancelled or missed appointment cannot be held.";
    public const string HoldBeforeItsDayMessage = "An appointment can be held from its day on.";

    /// <summary>The session took place: the therapist records it from here. Holding a held one again changes nothing.</summary>
    public void Hold(DateOnly today, TimeZoneInfo zone, Guid by, DateTimeOffset now)
    {
        if (!TakesTime) throw DomainRuleException.Conflict(HoldNotTakingTimeMessage);
        if (!CanBeHeldOn(today, zone)) throw DomainRuleException.Conflict(HoldBeforeItsDayMessage);
        if (IsHeld) return;
        Status = AppointmentStatus.Held;
        Touch(by, now);
    }

    /// <summary>
    /// "Next appointment", everywhere (the caseload's next session, the portal's "Your next session"): booked and starting
    /// after <paramref name="now"/> — one that has begun is under way, not next. An expression, so EF and memory share it.
    /// </summary>
    public static Expression<Func<Appointment, bool>> UpcomingAfter(DateTimeOffset now) =>
        a => a.Status == AppointmentStatus.Booked && a.StartsAt > now;

    public bool IsUpcomingAfter(DateTimeOffset now) => IsBooked && StartsAt > now;

    /// <summary><see cref="UpcomingAfter"/> for the dashboards' raw SQL; <paramref name="now"/> is a timestamptz parameter such as <c>$3</c>.</summary>
    public static string UpcomingAfterSql(string alias, string now) => $"({IsBookedSql(alias)} AND {alias}.starts_at > {now})";


    public bool IsAttendedBy(PartnerLabel label) => Attends(Attendees, label);

    public static bool Attends(Attendees attendees, PartnerLabel label) => attendees switch
    {
        Attendees.Both => true,
        Attendees.PartnerA => label == PartnerLabel.PartnerA,
        Attendees.PartnerB => label == PartnerLabel.PartnerB,
        _ => false,
    };

    private void Apply(AppointmentDetails d, Guid by, DateTimeOffset now)
    {
        if (d.DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
            throw DomainRuleException.Invalid("durationMinutes", $"An appointment lasts {MinDurationMinutes} to {MaxDurationMinutes} minutes.");
        if (d.VideoLink is { } link && !IsHttpsLink(link))
            throw DomainRuleException.Invalid("videoLink", "A video link must be an https:// address, on one line.");
        StartsAt = d.StartsAt.ToUniversalTime();
        TimeZone = d.TimeZone;
        DurationMinutes = d.DurationMinutes;
        Attendees = d.Attendees;
        Format = d.Format;
        VideoLink = d.Format == AppointmentFormat.Video && !string.IsNullOrWhiteSpace(d.VideoLink) ? d.VideoLink.Trim() : null;
        NoteToClients = d.NoteToClients.Trim();
        Touch(by, now);
    }

    /// <summary>Only a booked appointment moves, changes, closes or is held: held, cancelled and missed ones are history.</summary>
    public void EnsureBooked()
    {
        if (!IsBooked)
            throw DomainRuleException.Conflict(
                $"This appointment is {JsonNamingPolicy.SnakeCaseLower.ConvertName(Status.ToString())}; only a booked appointment can change.");
    }

    private void Touch(Guid by, DateTimeOffset now)
    {
        ChangedAt = now;
        ChangedBy = by;
    }

    /// <summary>
    /// An https address with a host and no control character anywhere: a CR or LF would let the link end a
    /// line of the calendar file and start properties of its own (issue 26), and no real address has one.
    /// </summary>
    public static bool IsHttpsLink(string value) =>
        !value.Any(char.IsControl) &&
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);
}
