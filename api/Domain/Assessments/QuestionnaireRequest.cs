using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

public enum QuestionnaireStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>A therapist's request that one partner completes an instrument in the portal; answered once.</summary>
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
    public uint Version { get; private set; }

    public static QuestionnaireRequest Ask(Guid coupleId, Guid partnerId, string instrument, bool shareResultsWithClient,
        Guid requestedBy, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, Instrument = instrument,
        ShareResultsWithClient = shareResultsWithClient, RequestedBy = requestedBy, RequestedAt = now,
        Status = QuestionnaireStatus.Pending,
    };

    public bool IsPending => Status == QuestionnaireStatus.Pending;

    /// <summary><see cref="IsPending"/> for the dashboards' raw SQL (alias = the table's alias); SqlRulesTests evaluates both over the same rows.</summary>
    public static string IsPendingSql(string alias) => $"{alias}.status = 'pending'";

    /// <summary>Answered once, and not after the therapist withdrew it.</summary>
    public void EnsurePending()
    {
        if (Status == QuestionnaireStatus.Completed) throw DomainRuleException.Conflict("You have already answered this questionnaire.");
        if (!IsPending) throw DomainRuleException.Conflict("This questionnaire was withdrawn by your therapist.");
    }

    public void Complete(Guid assessmentId, DateTimeOffset now)
    {
        EnsurePending();
        Status = QuestionnaireStatus.Completed;
        CompletedAt = now;
        AssessmentId = assessmentId;
    }
}
