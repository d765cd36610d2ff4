using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

public enum QuestionnaireStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>A scheduled request still unanswered when the schedule's next one came due.</summary>
    [JsonStringEnumMemberName("missed")] Missed,
}

/// <summary>
/// A therapist's request that one partner completes an instrument in the portal, asked by hand or
/// by a <see cref="MeasureSchedule"/> (then <see cref="ScheduleId"/> and <see cref="DueOn"/> name the
/// occurrence); answered once. The partner may keep a half-answered <see cref="Draft"/> on it.
/// </summary>
public sealed class QuestionnaireRequest
{
    private QuestionnaireRequest() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Instrument { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid RequestedBy { get; private set; }
    public bool ShareResultsWithClient { get; private set; }
    public QuestionnaireStatus Status { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? AssessmentId { get; private set; }
    public Guid? ScheduleId { get; private set; }
    public DateOnly? DueOn { get; private set; }
    /// <summary>Item id → answer so far; never scored, never shown to anyone but the partner, cleared on submit.</summary>
    public Dictionary<string, int>? Draft { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }
    public uint Version { get; private set; }

    public static QuestionnaireRequest Ask(Guid coupleId, Guid partnerId, string instrument, bool shareResultsWithClient,
        Guid requestedBy, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, Instrument = instrument,
        ShareResultsWithClient = shareResultsWithClient, RequestedBy = requestedBy, RequestedAt = now,
        Status = QuestionnaireStatus.Pending,
    };

    /// <summary>The occurrence of a schedule due on <paramref name="dueOn"/>; the schedule's request is never shared with the client.</summary>
    public static QuestionnaireRequest Scheduled(MeasureSchedule schedule, DateOnly dueOn, DateTimeOffset now)
    {
        var request = Ask(schedule.CoupleId, schedule.PartnerId, schedule.Instrument, false, schedule.CreatedBy, now);
        request.ScheduleId = schedule.Id;
        request.DueOn = dueOn;
        return request;
    }

    public bool IsPending => Status == QuestionnaireStatus.Pending;

    /// <summary><see cref="IsPending"/> for the dashboards' raw SQL (alias = the table's alias); SqlRulesTests evaluates both over the same rows.</summary>
    public static string IsPendingSql(string alias) => $"{alias}.status = 'pending'";

    /// <summary>Answered or missed: the outcomes "missed two in a row" reads (a withdrawn request is neither).</summary>
    public bool HasOutcome => Status is QuestionnaireStatus.Completed or QuestionnaireStatus.Missed;

    /// <summary><see cref="HasOutcome"/> for the dashboards' raw SQL; SqlRulesTests evaluates both over the same rows.</summary>
    public static string HasOutcomeSql(string alias) => $"{alias}.status IN ('completed', 'missed')";

    /// <summary>Answered once, and not after the therapist withdrew it.</summary>
    public void EnsurePending()
    {
        if (Status == QuestionnaireStatus.Completed) throw DomainRuleException.Conflict("You have already answered this questionnaire.");
        if (Status == QuestionnaireStatus.Missed) throw DomainRuleException.Conflict("A newer copy of this questionnaire is waiting for you instead.");
        if (!IsPending) throw DomainRuleException.Conflict("This questionnaire was withdrawn by your therapist.");
    }

    public void Complete(Guid assessmentId, DateTimeOffset now)
    {
        EnsurePending();
        Status = QuestionnaireStatus.Completed;
        CompletedAt = now;
        AssessmentId = assessmentId;
        Draft = null;
        DraftSavedAt = null;
    }

    /// <summary>Closes an unanswered scheduled request when the next one of its schedule comes due.</summary>
    public void MarkMissed()
    {
        if (!IsPending) throw new InvalidOperationException($"A {Status} questionnaire cannot be missed.");
        Status = QuestionnaireStatus.Missed;
    }

    /// <summary>Keeps the partner's answers so far; replaces any earlier draft whole.</summary>
    public void SaveDraft(IReadOnlyDictionary<string, int> answers, DateTimeOffset now)
    {
        if (!IsPending) throw new InvalidOperationException($"A {Status} questionnaire cannot take a draft.");
        Draft = new Dictionary<string, int>(answers);
        DraftSavedAt = now;
    }
}
