namespace Clinic.Api.Domain.Supervision;

/// <summary>
/// A supervisee's link to a supervisor (DESIGN §18): from its first day to its last (open while <see cref="EndsOn"/>
/// is null) the supervisor reads the supervisee's couples, read-only. A trainee's signed sessions await the
/// supervisor's co-signature. A link is never deleted: ending it sets its last day.
/// </summary>
public sealed class SupervisionLink
{
    public const string SameTherapistMessage = "A therapist cannot supervise themselves.";
    public const string EndsBeforeStartMessage = "The link cannot end before it starts.";

    private SupervisionLink() { }

    public Guid Id { get; private set; }
    public Guid SuperviseeId { get; private set; }
    public Guid SupervisorId { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public bool Trainee { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public uint Version { get; private set; }

    public static SupervisionLink Create(Guid superviseeId, Guid supervisorId, DateOnly startsOn, DateOnly? endsOn, bool trainee,
        Guid? createdBy, DateTimeOffset now)
    {
        if (superviseeId == supervisorId) throw DomainRuleException.Invalid("supervisorId", SameTherapistMessage);
        var link = new SupervisionLink
        {
            Id = Guid.NewGuid(), SuperviseeId = superviseeId, SupervisorId = supervisorId, CreatedAt = now, CreatedBy = createdBy,
        };
        link.Revise(startsOn, endsOn, trainee);
        return link;
    }

    public void Revise(DateOnly startsOn, DateOnly? endsOn, bool trainee)
    {
        if (endsOn is { } end && end < startsOn) throw DomainRuleException.Invalid("endsOn", EndsBeforeStartMessage);
        StartsOn = startsOn;
        EndsOn = endsOn;
        Trainee = trainee;
    }

    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>Whether two links of the same pair share a day (the second would say nothing the first does not).</summary>
    public bool Overlaps(DateOnly startsOn, DateOnly? endsOn) =>
        StartsOn <= (endsOn ?? DateOnly.MaxValue) && startsOn <= (EndsOn ?? DateOnly.MaxValue);
}

public enum SupervisionCommentRole { Supervisor, Supervisee }

/// <summary>
/// A comment on a session between supervisor and supervisee (DESIGN §18): visible to the two of them only, never in
/// the portal, a report or a release. Comments are appended and kept; none is edited or deleted (except by the purge).
/// </summary>
public sealed class SupervisionComment
{
    public const int MaxLength = 4000;

    private SupervisionComment() { }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid CoupleId { get; private set; }
    /// <summary>The link the supervisor read under; null for the supervisee's own replies.</summary>
    public Guid? LinkId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public SupervisionCommentRole AuthorRole { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static SupervisionComment Create(Guid sessionId, Guid coupleId, Guid? linkId, Guid authorId, string authorName,
        string text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) throw DomainRuleException.Invalid("text", "Write the comment.");
        return new()
        {
            Id = Guid.NewGuid(), SessionId = sessionId, CoupleId = coupleId, LinkId = linkId, AuthorId = authorId, AuthorName = authorName,
            AuthorRole = linkId is null ? SupervisionCommentRole.Supervisee : SupervisionCommentRole.Supervisor,
            Text = text.Trim(), CreatedAt = now,
        };
    }
}
