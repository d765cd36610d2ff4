using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.TreatmentPlans;

public enum ClosingReason
{
    [JsonStringEnumMemberName("goals_met")] GoalsMet,
    [JsonStringEnumMemberName("mutual_decision")] MutualDecision,
    [JsonStringEnumMemberName("client_withdrew")] ClientWithdrew,
    [JsonStringEnumMemberName("referred")] Referred,
    [JsonStringEnumMemberName("no_contact")] NoContact,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>
/// The case's closing summary (DESIGN §14): why it closed and what the therapist wrote, signed at closing like a
/// session (who and when) and never changed after. <c>SafetyConfirmed</c>: it closed while a safety item was open.
/// </summary>
public sealed class ClosingSummary
{
    public const int MaxSummary = 20000;

    private ClosingSummary() { }

    public Guid CoupleId { get; private set; }
    public ClosingReason Reason { get; private set; }
    public string Summary { get; private set; } = "";
    public DateOnly ClosedOn { get; private set; }
    public bool SafetyConfirmed { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public Guid SignedBy { get; private set; }
    public string SignedByName { get; private set; } = "";

    public static ClosingSummary Sign(Guid coupleId, ClosingReason reason, string summary, DateOnly closedOn, bool safetyConfirmed,
        Guid by, string byName, DateTimeOffset now) => new()
    {
        CoupleId = coupleId, Reason = reason, Summary = summary.Trim(), ClosedOn = closedOn, SafetyConfirmed = safetyConfirmed,
        SignedAt = now, SignedBy = by, SignedByName = byName,
    };
}
