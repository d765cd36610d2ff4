using System.Linq.Expressions;
namespace Clinic.Api.Domain.Safety;

public enum SafetyCheckReason { Intake, TherapistRequest }

public enum SafetyCheckStatus { Pending, Answered }

public enum SafetyFlagStatus { Open, Resolved }

/// <summary>
/// One partner's private check-in. Answers travel as the validated item values keyed by the
/// catalogue's stable item names, serialised as JSON (the shape is the catalogue's, not ours).
/// </summary>
public sealed class SafetyCheckRequest
{
    private SafetyCheckRequest() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid RequestedBy { get; private set; }
    public SafetyCheckReason Reason { get; private set; }
    public SafetyCheckStatus Status { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? Answers { get; private set; }

    public static SafetyCheckRequest Request(Guid coupleId, Guid partnerId, Guid requestedBy, SafetyCheckReason reason,
        DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, RequestedBy = requestedBy, Reason = reason,
        Status = SafetyCheckStatus.Pending, RequestedAt = now,
    };

    public bool IsPending => Status == SafetyCheckStatus.Pending;

    public void Answer(string answersJson, DateTimeOffset now)
    {
        if (!IsPending) throw DomainRuleException.Conflict("This check-in has already been answered.");
        Status = SafetyCheckStatus.Answered;
        AnsweredAt = now;
        Answers = answersJson;
    }
}

/// <summary>
/// A therapist-only flag raised by a check-in answer, or by a risk item of a questionnaire (PHQ-9
/// item 9 above 0); exactly one of <see cref="SafetyCheckId"/> and <see cref="AssessmentId"/> says
/// which. It is closed only with a note, never by a later answer: a 0 on item 9 clears nothing.
/// </summary>
public sealed class SafetyFlag
{
    private SafetyFlag() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public Guid? SafetyCheckId { get; private set; }
    public Guid? AssessmentId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    /// <summary>Stable item names answered other than safest, or the questionnaire's risk item ids ("phq9-9").</summary>
    public string[] Reasons { get; private set; } = [];
    public string Answers { get; private set; } = "{}";
    public SafetyFlagStatus Status { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public string? ResolutionNote { get; private set; }

    public static SafetyFlag Raise(SafetyCheckRequest check, IEnumerable<string> reasons, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = check.CoupleId, PartnerId = check.PartnerId, SafetyCheckId = check.Id,
        RaisedAt = now, Reasons = reasons.ToArray(), Answers = check.Answers ?? "{}", Status = SafetyFlagStatus.Open,
    };

    /// <param name="answers">Risk item id → the answer given, as the stored text of its value.</param>
    public static SafetyFlag RaiseFromQuestionnaire(Guid coupleId, Guid partnerId, Guid assessmentId,
        IReadOnlyDictionary<string, int> answers, DateTimeOffset now)
    {
        if (answers.Count == 0) throw new ArgumentException("A risk flag needs the risk item that raised it.", nameof(answers));
        return new SafetyFlag
        {
            Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, AssessmentId = assessmentId, RaisedAt = now,
            Reasons = answers.Keys.Order(StringComparer.Ordinal).ToArray(),
            Answers = System.Text.Json.JsonSerializer.Serialize(answers.ToDictionary(a => a.Key, a => a.Value.ToString(
                System.Globalization.CultureInfo.InvariantCulture))),
            Status = SafetyFlagStatus.Open,
        };
    }

    /// <summary>
    /// An open flag, as an expression: the safety gate asks the database with it (<c>AnyAsync(Open)</c>) and
    /// <see cref="IsOpen"/> is the same expression compiled, so memory and EF cannot drift (SqlRulesTests).
    /// </summary>
    public static readonly Expression<Func<SafetyFlag, bool>> Open = f => f.Status == SafetyFlagStatus.Open;

    private static readonly Func<SafetyFlag, bool> OpenRule = Open.Compile();

    public bool IsOpen => OpenRule(this);

    public const string NoteRequiredMessage = "Say how the concern was addressed; a flag is resolved only with a note.";

    /// <summary><see cref="IsOpen"/> for the dashboards' raw SQL (alias = the table's alias); SqlRulesTests evaluates both over the same rows.</summary>
    public static string IsOpenSql(string alias) => $"{alias}.status = 'open'";

    /// <summary>Raised by a questionnaire's risk item (PHQ-9 item 9), not a check-in: the caseload gives it its own alert.</summary>
    public bool FromQuestionnaire => AssessmentId is not null;

    /// <summary><see cref="FromQuestionnaire"/> for the dashboards' raw SQL; SqlRulesTests evaluates both over the same rows.</summary>
    public static string FromQuestionnaireSql(string alias) => $"{alias}.assessment_id IS NOT NULL";

    public void Resolve(Guid by, string note, DateTimeOffset now)
    {
        if (!IsOpen) throw DomainRuleException.Conflict("This flag is already resolved.");
        if (string.IsNullOrWhiteSpace(note)) throw DomainRuleException.Invalid("note", NoteRequiredMessage);
        Status = SafetyFlagStatus.Resolved;
        ResolvedAt = now;
        ResolvedBy = by;
        ResolutionNote = note.Trim();
    }
}

public enum ViolenceLevel { None, Situational, CoerciveControlSuspected }

/// <summary>Graded rather than yes/no, so "low, monitoring" and "high, crisis plan" are distinguishable.</summary>
public enum SelfHarmRisk { None, Low, Moderate, High }

public sealed record RiskAssessment(ViolenceLevel Violence, bool SubstanceMisuse, SelfHarmRisk SelfHarmRisk,
    bool JointSessionsPaused, string PlanNotes);

/// <summary>
/// The therapist's risk record for one partner. Each save bumps <see cref="Revision"/> and appends
/// a <see cref="RiskRecordRevision"/> with the saved state, so every earlier state stays readable.
/// </summary>
public sealed class RiskRecord
{
    private RiskRecord() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public ViolenceLevel Violence { get; private set; }
    public bool SubstanceMisuse { get; private set; }
    public SelfHarmRisk SelfHarmRisk { get; private set; }
    public bool JointSessionsPaused { get; private set; }
    public string PlanNotes { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid UpdatedBy { get; private set; }
    public int Revision { get; private set; }
    public uint Version { get; private set; }

    /// <summary><see cref="JointSessionsPaused"/> for the dashboards' raw SQL (alias = the table's alias); SqlRulesTests evaluates both over the same rows.</summary>
    public static string JointSessionsPausedSql(string alias) => $"{alias}.joint_sessions_paused";

    /// <summary>A record that pauses joint sessions, as an expression the safety gate's query and in-memory code share.</summary>
    public static readonly Expression<Func<RiskRecord, bool>> PausesJointWork = r => r.JointSessionsPaused;

    private static readonly Func<RiskRecord, bool> PausesRule = PausesJointWork.Compile();

    public bool PausesJoint => PausesRule(this);

    public static (RiskRecord Record, RiskRecordRevision Revision) Start(Guid coupleId, Guid partnerId, RiskAssessment state,
        Guid by, DateTimeOffset now)
    {
        var record = new RiskRecord { Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId };
        return (record, record.Update(state, by, now));
    }

    public RiskRecordRevision Update(RiskAssessment state, Guid by, DateTimeOffset now)
    {
        Violence = state.Violence;
        SubstanceMisuse = state.SubstanceMisuse;
        SelfHarmRisk = state.SelfHarmRisk;
        JointSessionsPaused = state.JointSessionsPaused;
        PlanNotes = state.PlanNotes.Trim();
        UpdatedAt = now;
        UpdatedBy = by;
        Revision++;
        return RiskRecordRevision.Of(this);
    }
}

/// <summary>An immutable copy of one saved state of a risk record.</summary>
public sealed class RiskRecordRevision
{
    private RiskRecordRevision() { }

    public Guid Id { get; private set; }
    public Guid RiskRecordId { get; private set; }
    public int Revision { get; private set; }
    public ViolenceLevel Violence { get; private set; }
    public bool SubstanceMisuse { get; private set; }
    public SelfHarmRisk SelfHarmRisk { get; private set; }
    public bool JointSessionsPaused { get; private set; }
    public string PlanNotes { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid UpdatedBy { get; private set; }

    internal static RiskRecordRevision Of(RiskRecord r) => new()
    {
        Id = Guid.NewGuid(), RiskRecordId = r.Id, Revision = r.Revision, Violence = r.Violence,
        SubstanceMisuse = r.SubstanceMisuse, SelfHarmRisk = r.SelfHarmRisk, JointSessionsPaused = r.JointSessionsPaused,
        PlanNotes = r.PlanNotes, UpdatedAt = r.UpdatedAt, UpdatedBy = r.UpdatedBy,
    };
}
