using System.Linq.Expressions;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Domain.Homework;

public enum Assignee { PartnerA, PartnerB, Both }

public enum AssignmentStatus { Active, Completed, Cancelled }

/// <summary>Why a partner may not log an entry on an assignment right now.</summary>
public enum EntryRefusalKind
{
    /// <summary>The assignment is for the other partner: to this caller it does not exist.</summary>
    NotAssignedToPartner,
    /// <summary>Completed or cancelled.</summary>
    NotActive,
    NotStarted,
    /// <summary>The date logged is in the future or outside starts on – due on.</summary>
    DateOutsideWindow,
}

public sealed record EntryRefusal(EntryRefusalKind Kind, string Message);

public sealed record AssignmentDetails(string ExerciseCode, int ExerciseVersion, Assignee AssignedTo, DateOnly StartsOn,
    DateOnly DueOn, int TargetPerWeek, string Note, Guid? SessionId);

/// <summary>
/// An exercise set for a couple. It pins the catalogue version it was set with, so entries are
/// always validated against the fields the clients were shown.
/// </summary>
public sealed class HomeworkAssignment
{
    public const int MinTargetPerWeek = 1;
    public const int MaxTargetPerWeek = 14;
    public const string DueBeforeStartMessage = "The due date cannot be before the start date.";
    public static readonly string TargetPerWeekMessage = $"Target per week must be {MinTargetPerWeek} to {MaxTargetPerWeek}.";
    public const int MaxNoteLength = 2000;

    private HomeworkAssignment() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public string ExerciseCode { get; private set; } = "";
    public int ExerciseVersion { get; private set; }
    public Assignee AssignedTo { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public int TargetPerWeek { get; private set; }
    public string Note { get; private set; } = "";
    public AssignmentStatus Status { get; private set; }
    /// <summary>The day it was completed or cancelled (practice calendar); null while it runs.</summary>
    public DateOnly? EndedOn { get; private set; }
    public Guid? SessionId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public uint Version { get; private set; }

    public bool IsActive => Status == AssignmentStatus.Active;

    /// <summary><see cref="IsActive"/> for the dashboards' raw SQL (alias = the table's alias); SqlRulesTests evaluates both over the same rows.</summary>
    public static string IsActiveSql(string alias) => $"{alias}.status = 'active'";
    public bool IsJoint => AssignedTo == Assignee.Both;

    /// <summary>Running, or ended on or after <paramref name="since"/>: it ran on some day from then on (SqlRulesTests).</summary>
    public bool RanSince(DateOnly since) => IsActive || EndedOn >= since;

    /// <summary><see cref="RanSince"/> for the dashboards' raw SQL; <paramref name="since"/> is a date parameter such as <c>$2</c>.</summary>
    public static string RanSinceSql(string alias, string since) => $"({alias}.status = 'active' OR {alias}.ended_on >= {since})";

    public static HomeworkAssignment Assign(Guid coupleId, AssignmentDetails details, Guid therapistId, DateTimeOffset now)
    {
        if (details.DueOn < details.StartsOn) throw DomainRuleException.Invalid("dueOn", DueBeforeStartMessage);
        if (details.TargetPerWeek is < MinTargetPerWeek or > MaxTargetPerWeek)
            throw DomainRuleException.Invalid("targetPerWeek", TargetPerWeekMessage);
        return new HomeworkAssignment
        {
            Id = Guid.NewGuid(), CoupleId = coupleId, ExerciseCode = details.ExerciseCode, ExerciseVersion = details.ExerciseVersion,
            AssignedTo = details.AssignedTo, StartsOn = details.StartsOn, DueOn = details.DueOn,
            TargetPerWeek = details.TargetPerWeek, Note = details.Note.Trim(), Status = AssignmentStatus.Active,
            SessionId = details.SessionId, CreatedAt = now, CreatedBy = therapistId,
        };
    }

    /// <summary>Whether this assignment is this partner's to do (<see cref="Covers(PartnerLabel)"/>, compiled).</summary>
    public bool IsAssignedTo(PartnerLabel label) => CoversCompiled[label](this);

    /// <summary>
    /// Which partners an assignment covers: given to both, or to this partner. One expression: the portal's queries filter
    /// by it in SQL (<c>PortalHomeworkAccess</c>, so <c>ListPortalEntries</c> and logging an entry), its compiled form
    /// serves memory (nudges, adherence, the dashboards), and SqlRulesTests checks the two agree row by row.
    /// </summary>
    public static Expression<Func<HomeworkAssignment, bool>> Covers(PartnerLabel label)
    {
        var own = label == PartnerLabel.PartnerA ? Assignee.PartnerA : Assignee.PartnerB;
        return a => a.AssignedTo == Assignee.Both || a.AssignedTo == own;
    }

    private static readonly Dictionary<PartnerLabel, Func<HomeworkAssignment, bool>> CoversCompiled =
        Enum.GetValues<PartnerLabel>().ToDictionary(l => l, l => Covers(l).Compile());

    /// <summary>
    /// <see cref="Covers(PartnerLabel)"/> for a row that carries only the assignee (the dashboards' raw-SQL rows): the
    /// same compiled rule, applied to an assignment given to <paramref name="assignee"/>.
    /// </summary>
    public static bool Covers(Assignee assignee, PartnerLabel label) => CoversByAssignee[(assignee, label)];

    // Every assignee and label, answered once by the compiled rule (a dashboard asks it per assignment and partner).
    private static readonly Dictionary<(Assignee, PartnerLabel), bool> CoversByAssignee =
        (from assignee in Enum.GetValues<Assignee>()
         from label in Enum.GetValues<PartnerLabel>()
         select (assignee, label)).ToDictionary(k => k, k => CoversCompiled[k.label](new HomeworkAssignment { AssignedTo = k.assignee }));

    /// <summary>
    /// The last day entries are expected so far: today, the due date once it has passed, or the day the assignment was
    /// completed or cancelled — homework that ends early stops being expected from then on (adherence on every view).
    /// </summary>
    public DateOnly ActiveUntil(DateOnly today) => ActiveUntil(DueOn, EndedOn, today);

    public static DateOnly ActiveUntil(DateOnly dueOn, DateOnly? endedOn, DateOnly today)
    {
        var until = today < dueOn ? today : dueOn;
        return endedOn is { } ended && ended < until ? ended : until;
    }

    /// <summary>
    /// Overdue: still running after its due date — the therapist has neither completed nor cancelled it. The caseload's
    /// homework alert and the homework section's "overdue" both ask this.
    /// </summary>
    public bool IsOverdue(DateOnly today) => IsOverdue(DueOn, EndedOn, today);

    public static bool IsOverdue(DateOnly dueOn, DateOnly? endedOn, DateOnly today) => endedOn is null && dueOn < today;

    /// <summary>Null when the partner may log an entry dated <paramref name="occurredOn"/> today.</summary>
    public EntryRefusal? RefuseEntry(PartnerLabel label, DateOnly occurredOn, DateOnly today)
    {
        if (!IsAssignedTo(label))
            return new(EntryRefusalKind.NotAssignedToPartner, "This homework is not assigned to you.");
        if (Status == AssignmentStatus.Cancelled)
            return new(EntryRefusalKind.NotActive, "Your therapist cancelled this homework, so it no longer takes entries.");
        if (Status == AssignmentStatus.Completed)
            return new(EntryRefusalKind.NotActive, "This homework is marked completed, so it no longer takes entries.");
        if (today < StartsOn)
            return new(EntryRefusalKind.NotStarted, $"This homework starts on {Practice.ReadableDates.Day(StartsOn)}; you can log entries from then.");
        return RefuseDate(occurredOn, today);
    }

    /// <summary>An entry's date must be real (not ahead of today) and inside the assignment's span.</summary>
    public EntryRefusal? RefuseDate(DateOnly occurredOn, DateOnly today)
    {
        if (occurredOn > today)
            return new(EntryRefusalKind.DateOutsideWindow, "The date cannot be in the future.");
        if (occurredOn < StartsOn || occurredOn > DueOn)
            return new(EntryRefusalKind.DateOutsideWindow,
                $"The date must fall between {Practice.ReadableDates.Day(StartsOn)} and {Practice.ReadableDates.Day(DueOn)}, while this homework runs.");
        return null;
    }

    /// <summary>Only an active assignment is completed or cancelled; the outcome is final.</summary>
    public void Close(AssignmentStatus to, DateOnly today)
    {
        if (to == AssignmentStatus.Active)
            throw DomainRuleException.Invalid("status", "Homework is closed as completed or cancelled; it cannot be reopened.");
        EnsureActive();
        Status = to;
        EndedOn = today;
    }

    public void Annotate(string note)
    {
        EnsureActive();
        Note = note.Trim();
    }

    /// <summary>A completed or cancelled assignment is final: nothing about it changes any more.</summary>
    public void EnsureActive()
    {
        if (!IsActive)
            throw DomainRuleException.Conflict(
                $"This homework is already {(Status == AssignmentStatus.Completed ? "completed" : "cancelled")}; it can no longer be changed.");
    }
}
