namespace Clinic.Api.Domain.Supervision;

public enum SupervisionMeetingFormat { Individual, Group }

/// <summary>
/// One entry of a therapist's supervision log (DESIGN §18): the hours of supervision a certification application asks
/// for — when, how long, individual or group, the couples discussed and the therapist's notes. The log is the
/// therapist's own: nobody else reads it. Entries are kept; none is deleted.
/// </summary>
public sealed class SupervisionMeeting
{
    public const int MaxNotesLength = 4000;
    public const int MaxCouples = 20;
    public const int MaxDurationMinutes = 600;

    private readonly List<SupervisionMeetingCouple> _couples = [];

    private SupervisionMeeting() { }

    public Guid Id { get; private set; }
    public Guid TherapistId { get; private set; }
    public DateOnly MetOn { get; private set; }
    public int DurationMinutes { get; private set; }
    public SupervisionMeetingFormat Format { get; private set; }
    public string Notes { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<SupervisionMeetingCouple> Couples => _couples;

    public static SupervisionMeeting Log(Guid therapistId, DateOnly metOn, int durationMinutes, SupervisionMeetingFormat format,
        IEnumerable<Guid> coupleIds, string notes, DateTimeOffset now)
    {
        if (durationMinutes is < 1 or > MaxDurationMinutes)
            throw DomainRuleException.Invalid("durationMinutes", $"A meeting lasts 1 to {MaxDurationMinutes} minutes.");
        var meeting = new SupervisionMeeting
        {
            Id = Guid.NewGuid(), TherapistId = therapistId, MetOn = metOn, DurationMinutes = durationMinutes, Format = format,
            Notes = notes.Trim(), CreatedAt = now,
        };
        meeting._couples.AddRange(coupleIds.Distinct().Select(id => new SupervisionMeetingCouple(meeting.Id, id)));
        return meeting;
    }
}

/// <summary>A couple discussed in a meeting (its own row, so the retention purge reaches it from the couple).</summary>
public sealed class SupervisionMeetingCouple(Guid meetingId, Guid coupleId)
{
    public Guid MeetingId { get; private set; } = meetingId;
    public Guid CoupleId { get; private set; } = coupleId;
}
