using System.Globalization;
using System.Text.Json.Serialization;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Domain.Dashboard;

public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>
/// Every alert a caseload row can carry. The API sends the snake_case word (<c>risk_item</c>), and the web app's
/// <c>AlertCode</c> type is generated from this list through the OpenAPI document, so a code the web has no label
/// for does not compile there.
/// </summary>
public enum CaseloadAlertCode
{
    /// <summary>A questionnaire's risk item (PHQ-9 item 9 above 0): before everything, the safety flag included.</summary>
    RiskItem,
    SafetyFlag,
    JointSessionsPaused,
    /// <summary>Work is booked but a partner has not consented yet (DESIGN §13).</summary>
    ConsentMissing,
    NoRecentSession,
    CycleRising,
    HomeworkLowAdherence,
    ReliableDeterioration,
    PartnersDiverging,
    BothBelowCutOff,
    QuestionnaireMissed,
    /// <summary>The treatment plan's review is due (DESIGN §14): <c>reviewEvery</c> weeks since its first save or last review.</summary>
    PlanReviewDue,
    /// <summary>Three sessions held and still no treatment plan.</summary>
    NoPlan,
    QuestionnairePending,
    /// <summary>Messages from the partners the therapist has not read yet (DESIGN §15).</summary>
    UnreadMessages,
}

public sealed record CaseloadAlert(CaseloadAlertCode Code, AlertSeverity Severity, string Message);

/// <param name="AdherencePreviousWeek">Ratio for the complete week before last (0–1), null when nothing was expected.</param>
/// <param name="AdherenceLastWeek">Ratio for the last complete week (0–1), null when nothing was expected.</param>
public sealed record HomeworkAlertInput(string ExerciseTitle, bool IsOverdue, double? AdherencePreviousWeek, double? AdherenceLastWeek);

/// <param name="Rci">Set when the verdict came from an RCI; a published threshold gives <paramref name="Change"/> in points instead.</param>
/// <param name="Instrument">The instrument's code, named in the message when there is more than one ("PHQ-9").</param>
public sealed record DeteriorationAlertInput(string PartnerName, string Construct, double? Rci, double? Change = null,
    string? Instrument = null);

/// <param name="Alert">The instrument's short caseload wording for the risk item.</param>
public sealed record RiskItemAlertInput(string PartnerName, string Alert);

/// <summary>One partner reliably better while the other is reliably worse on the same score.</summary>
public sealed record DivergenceAlertInput(string Instrument, string Construct, string BetterPartner, string WorsePartner);

public sealed record PartnerScore(string PartnerName, double Score);

/// <summary>Both partners' latest scores below a satisfaction cut-off (CSI-4 below 13.5).</summary>
public sealed record BelowCutOffAlertInput(string Instrument, double CutOff, IReadOnlyList<PartnerScore> Scores);

/// <summary>A running schedule whose last two requests both went unanswered until the next came due.</summary>
public sealed record MissedScheduleAlertInput(string PartnerName, string Instrument);

/// <summary>
/// What the alert rules know about one couple on one day, by name. A new alert adds the fact it needs here as one
/// property (with a default, so nothing else has to change), fed from one named column of the caseload query.
/// </summary>
public sealed record CaseloadFacts
{
    public required DateOnly Today { get; init; }
    public required CoupleStatus Status { get; init; }
    public required DateOnly StartedOn { get; init; }
    /// <summary>The last session that took place (<see cref="CaseloadAlerts.LastSessionOn"/>): the caseload's "last session" column.</summary>
    public DateOnly? LastContactOn { get; init; }
    /// <summary>The next booked appointment's date in the practice's zone.</summary>
    public DateOnly? NextBookedOn { get; init; }
    /// <summary>Per-session mean partner intensity, date order; the last three are used.</summary>
    public IReadOnlyList<double> RecentMeanIntensities { get; init; } = [];
    /// <summary>Running assignments only.</summary>
    public IReadOnlyList<HomeworkAlertInput> Homework { get; init; } = [];
    public IReadOnlyList<DeteriorationAlertInput> ReliableDeteriorations { get; init; } = [];
    public DateOnly? OldestPendingQuestionnaireRequestedOn { get; init; }
    /// <summary>The partners (first names) with an open flag raised by a safety check-in (a questionnaire's risk item has
    /// its own alert). The alert names them and the check-in, so the therapist knows what raised it.</summary>
    public IReadOnlyList<string> SafetyCheckInFlagsFrom { get; init; } = [];
    public bool JointSessionsPaused { get; init; }
    public IReadOnlyList<RiskItemAlertInput> OpenRiskItems { get; init; } = [];
    public IReadOnlyList<MissedScheduleAlertInput> MissedTwiceInARow { get; init; } = [];
    public IReadOnlyList<DivergenceAlertInput> Divergences { get; init; } = [];
    public IReadOnlyList<BelowCutOffAlertInput> BothBelowCutOff { get; init; } = [];
    /// <summary>From the couple's first booked appointment on: the partners (first names) who have not signed a consent.</summary>
    public IReadOnlyList<string> ConsentMissingFrom { get; init; } = [];
    /// <summary>Sessions so far (the caseload's count, up to today).</summary>
    public int SessionsSoFar { get; init; }
    /// <summary>When the treatment plan's next review falls due; null while the couple has no plan.</summary>
    public DateOnly? PlanReviewDueOn { get; init; }
    /// <summary>Messages from the partners, in any of the couple's threads, after the therapist's read marker.</summary>
    public int UnreadMessages { get; init; }
}

/// <summary>
/// One alert: its code, its severity, whether it puts the couple at the top of the caseload, and its message for a
/// couple's facts (null: the alert does not apply).
/// </summary>
public sealed record CaseloadAlertRule(CaseloadAlertCode Code, AlertSeverity Severity, Func<CaseloadFacts, string?> Message,
    bool Safety = false);

/// <summary>
/// The alerts on a caseload row (DESIGN §5), in a fixed order with the safety alerts always
/// first: a questionnaire's risk item (PHQ-9 item 9), an open safety flag, then joint sessions paused
/// in a risk record (DESIGN §4a: each gates joint work, but they are different facts and read
/// differently). A closed couple gets none: the case is archived and nothing is expected of it.
/// <para>
/// Adding an alert is one rule, one column, one label: a <see cref="CaseloadAlertCode"/> with its entry in
/// <see cref="Rules"/> (where it sits is where it shows), the fact it reads as a property of <see cref="CaseloadFacts"/>
/// filled from one named column of the caseload query, and its badge in the web app's <c>ALERT_LABELS</c>.
/// </para>
/// </summary>
public static class CaseloadAlerts
{
    /// <summary>Days since the last session (or the start, before any) at which the gap is flagged.</summary>
    public const int NoSessionDays = 21;

    /// <summary>
    /// The last session that took place: the latest written session, or a held appointment after it whose session is not
    /// written up yet. The caseload's "last session" column shows it and <see cref="NoRecentSession"/> counts from it, so
    /// "No session for N days" is always today minus the date beside it.
    /// </summary>
    public static DateOnly? LastSessionOn(DateOnly? lastWrittenOn, DateOnly? lastHeldOn) =>
        lastHeldOn is { } held && (lastWrittenOn is null || held > lastWrittenOn) ? held : lastWrittenOn;

    /// <summary>Adherence strictly below this in each of the last two weeks is flagged.</summary>
    public const double LowAdherence = 0.30;

    /// <summary>Sessions after which a couple without a treatment plan is flagged.</summary>
    public const int PlanAfterSessions = 3;

    /// <summary>A questionnaire pending strictly longer than this many days is flagged.</summary>
    public const int PendingQuestionnaireDays = 7;

    /// <summary>Every alert, in the order a row lists them; exactly one rule per <see cref="CaseloadAlertCode"/>.</summary>
    public static readonly IReadOnlyList<CaseloadAlertRule> Rules =
    [
        new(CaseloadAlertCode.RiskItem, AlertSeverity.Critical, RiskItem, Safety: true),
        new(CaseloadAlertCode.SafetyFlag, AlertSeverity.Critical,
            f => f.SafetyCheckInFlagsFrom.Count > 0
                ? $"Safety check-in: {string.Join(" and ", f.SafetyCheckInFlagsFrom)}'s answers raised a safety concern; review before any joint work."
                : null,
            Safety: true),
        new(CaseloadAlertCode.JointSessionsPaused, AlertSeverity.Critical,
            f => f.JointSessionsPaused ? "Joint sessions paused in a risk record: no joint work until the pause is lifted." : null,
            Safety: true),
        new(CaseloadAlertCode.ConsentMissing, AlertSeverity.Warning,
            f => f.ConsentMissingFrom.Count > 0
                ? $"Consent missing from {string.Join(" and ", f.ConsentMissingFrom)}: remind them, or record a consent signed on paper."
                : null),
        new(CaseloadAlertCode.NoRecentSession, AlertSeverity.Warning, NoRecentSession),
        new(CaseloadAlertCode.CycleRising, AlertSeverity.Warning, CycleRising),
        new(CaseloadAlertCode.HomeworkLowAdherence, AlertSeverity.Warning, HomeworkLowAdherence),
        new(CaseloadAlertCode.ReliableDeterioration, AlertSeverity.Warning, ReliableDeterioration),
        new(CaseloadAlertCode.PartnersDiverging, AlertSeverity.Warning, PartnersDiverging),
        new(CaseloadAlertCode.BothBelowCutOff, AlertSeverity.Warning, BothBelowCutOff),
        new(CaseloadAlertCode.QuestionnaireMissed, AlertSeverity.Warning, QuestionnaireMissed),
        new(CaseloadAlertCode.PlanReviewDue, AlertSeverity.Warning, PlanReviewDue),
        new(CaseloadAlertCode.NoPlan, AlertSeverity.Info, NoPlan),
        new(CaseloadAlertCode.QuestionnairePending, AlertSeverity.Info, QuestionnairePending),
        new(CaseloadAlertCode.UnreadMessages, AlertSeverity.Info,
            f => f.UnreadMessages switch { 0 => null, 1 => "1 unread message.", var n => $"{n} unread messages." }),
    ];

    private static readonly HashSet<CaseloadAlertCode> SafetyCodes = Rules.Where(r => r.Safety).Select(r => r.Code).ToHashSet();

    public static IReadOnlyList<CaseloadAlert> Evaluate(CaseloadFacts facts)
    {
        if (!Enum.IsDefined(facts.Status))
        {
            throw new ArgumentException($"Unknown couple status '{facts.Status}'.", nameof(facts));
        }
        if (facts.Status == CoupleStatus.Closed) return [];
        List<CaseloadAlert>? alerts = null;
        foreach (var rule in Rules)
            if (rule.Message(facts) is { } message) (alerts ??= []).Add(new CaseloadAlert(rule.Code, rule.Severity, message));
        return alerts ?? [];
    }

    /// <summary>The alerts that put a couple at the top of the caseload.</summary>
    public static bool IsSafety(CaseloadAlert alert) => SafetyCodes.Contains(alert.Code);

    private static string? RiskItem(CaseloadFacts f) =>
        f.OpenRiskItems.Count > 0 ? string.Join(" ", f.OpenRiskItems.Select(r => $"{r.PartnerName}: {r.Alert}")) : null;

    // A paused couple is not expected to attend, so only intake and active couples are chased; a
    // couple with an appointment booked is already on its way back (DESIGN §9).
    private static string? NoRecentSession(CaseloadFacts f)
    {
        if (f.Status is not (CoupleStatus.Intake or CoupleStatus.Active) || f.NextBookedOn is not null) return null;
        var since = f.LastContactOn ?? f.StartedOn;
        var days = f.Today.DayNumber - since.DayNumber;
        if (days < NoSessionDays) return null;
        return f.LastContactOn is null ? $"No session yet, {days} days since the start." : $"No session for {days} days.";
    }

    private static string? CycleRising(CaseloadFacts f)
    {
        if (CycleTrend.Classify(f.RecentMeanIntensities) != CycleTrendDirection.Rising) return null;
        var path = string.Join(" → ", f.RecentMeanIntensities.TakeLast(CycleTrend.Sessions)
            .Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
        return $"Cycle intensity rising over the last three sessions ({path}).";
    }

    // Two weeks both under the line, not one, so a single busy week does not raise an alert.
    private static string? HomeworkLowAdherence(CaseloadFacts f)
    {
        var flagged = f.Homework
            .Where(h => h.IsOverdue || (h.AdherencePreviousWeek < LowAdherence && h.AdherenceLastWeek < LowAdherence))
            .Select(h => h.IsOverdue ? $"{h.ExerciseTitle} (overdue)" : $"{h.ExerciseTitle} (under 30 % for two weeks)")
            .ToList();
        return flagged.Count == 0 ? null : $"Homework: {string.Join("; ", flagged)}.";
    }

    private static string? ReliableDeterioration(CaseloadFacts f)
    {
        if (f.ReliableDeteriorations.Count == 0) return null;
        var parts = f.ReliableDeteriorations.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"{d.PartnerName}, {(d.Instrument is null ? "" : d.Instrument + " ")}{d.Construct} ({(d.Rci is { } rci
                ? $"RCI {rci:0.00}" : $"{d.Change:+0.##;-0.##} points")})"));
        return $"Reliable deterioration: {string.Join("; ", parts)}.";
    }

    private static string? PartnersDiverging(CaseloadFacts f) =>
        f.Divergences.Count > 0
            ? string.Join(" ", f.Divergences.Select(d =>
                $"Partners diverging on {d.Instrument} {d.Construct}: {d.BetterPartner} reliably better, {d.WorsePartner} reliably worse."))
            : null;

    private static string? BothBelowCutOff(CaseloadFacts f) =>
        f.BothBelowCutOff.Count > 0
            ? string.Join(" ", f.BothBelowCutOff.Select(b => string.Create(CultureInfo.InvariantCulture,
                $"Both partners below the {b.Instrument} cut-off ({b.CutOff:0.##}): {string.Join(", ", b.Scores.Select(s => $"{s.PartnerName} {s.Score:0.##}"))}.")))
            : null;

    private static string? QuestionnaireMissed(CaseloadFacts f) =>
        f.MissedTwiceInARow.Count > 0
            ? $"Missed two scheduled questionnaires in a row: {string.Join("; ", f.MissedTwiceInARow.Select(m => $"{m.PartnerName} ({m.Instrument})"))}."
            : null;

    private static string? PlanReviewDue(CaseloadFacts f)
    {
        if (f.Status is not (CoupleStatus.Intake or CoupleStatus.Active) || f.PlanReviewDueOn is not { } due || due > f.Today) return null;
        var days = f.Today.DayNumber - due.DayNumber;
        return days == 0 ? "Treatment plan review due today." : $"Treatment plan review due since {Practice.ReadableDates.Day(due)} ({days} days).";
    }

    private static string? NoPlan(CaseloadFacts f) =>
        f.Status is CoupleStatus.Intake or CoupleStatus.Active && f.PlanReviewDueOn is null && f.SessionsSoFar >= PlanAfterSessions
            ? $"No treatment plan after {f.SessionsSoFar} sessions."
            : null;

    private static string? QuestionnairePending(CaseloadFacts f)
    {
        if (f.OldestPendingQuestionnaireRequestedOn is not { } requested) return null;
        var days = f.Today.DayNumber - requested.DayNumber;
        return days > PendingQuestionnaireDays ? $"Questionnaire pending for {days} days." : null;
    }
}
