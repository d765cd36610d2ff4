namespace Clinic.Api.Domain.Homework;

public enum EntryVisibility { Private, Shared }

/// <summary>
/// One event a partner logged. Its author may change or withdraw it for
/// <see cref="EditWindow"/> after logging it; withdrawing keeps the row (and the therapist sees it
/// flagged), because nothing clinical is deleted.
/// </summary>
public sealed class HomeworkEntry
{
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(24);

    private HomeworkEntry() { }

    public Guid Id { get; private set; }
    public Guid AssignmentId { get; private set; }
    public Guid AuthorPartnerId { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public EntryRole? Role { get; private set; }
    /// <summary>The normalised field values as a JSON object (jsonb).</summary>
    public string Fields { get; private set; } = "{}";
    public EntryVisibility Visibility { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>Whether the entry counts in adherence, pairing and turn balance: it stands (not withdrawn) and says which role it played.</summary>
    public bool Counts => !IsWithdrawn && Role is not null;

    /// <summary><see cref="Counts"/> for the dashboards' raw SQL (alias = the table's alias); SqlRulesTests evaluates both over the same rows.</summary>
    public static string CountsSql(string alias) => $"{alias}.withdrawn_at IS NULL AND {alias}.role IS NOT NULL";
    public DateTimeOffset EditableUntil => CreatedAt + EditWindow;

    public static HomeworkEntry Log(Guid assignmentId, Guid authorPartnerId, DateOnly occurredOn, EntryRole role,
        string fieldsJson, EntryVisibility visibility, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), AssignmentId = assignmentId, AuthorPartnerId = authorPartnerId, OccurredOn = occurredOn,
        Role = role, Fields = fieldsJson, Visibility = visibility, CreatedAt = now,
    };

    /// <summary>
    /// Who in the couple may see an entry: its author always; the other partner once it is shared and while it is not
    /// withdrawn. One expression: the portal's query filters by it in SQL (ListPortalEntries), and SqlRulesTests checks
    /// that the database and the compiled rule agree row by row.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<HomeworkEntry, bool>> VisibleTo(Guid partnerId) =>
        e => e.AuthorPartnerId == partnerId || (e.Visibility == EntryVisibility.Shared && e.WithdrawnAt == null);

    /// <summary>Null when the author may still change this entry; otherwise the reason why not.</summary>
    public string? RefuseChange(DateTimeOffset now)
    {
        if (IsWithdrawn) return "This entry was withdrawn and can no longer be changed.";
        if (now > EditableUntil)
            return "Entries can be changed or withdrawn for 24 hours after logging them; this one is now part of your record.";
        return null;
    }

    /// <summary>The author's 24 hours, and never once withdrawn.</summary>
    public void EnsureChangeable(DateTimeOffset now)
    {
        if (RefuseChange(now) is { } reason) throw DomainRuleException.Conflict(reason);
    }

    public void Revise(DateOnly occurredOn, string fieldsJson, EntryVisibility visibility, DateTimeOffset now)
    {
        EnsureChangeable(now);
        OccurredOn = occurredOn;
        Fields = fieldsJson;
        Visibility = visibility;
        UpdatedAt = now;
    }

    public void Withdraw(DateTimeOffset now)
    {
        EnsureChangeable(now);
        WithdrawnAt = now;
        UpdatedAt = now;
    }
}
