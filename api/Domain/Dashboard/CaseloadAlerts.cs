using System.Globalization;
using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Dashboard;

public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

public sealed record CaseloadAlert(string Code, AlertSeverity Severity, string Message);

public static class CaseloadAlertCodes
{
    /// <summary>A questionnaire's risk item (PHQ-9 item 9 above 0): before everything, the safety flag included.</summary>
    public const string RiskItem = "risk_item";
    public const string SafetyFlag = "safety_flag";
    public const string JointSessionsPaused = "joint_sessions_paused";
    public const string NoRecentSession = "no_recent_session";
    public const string CycleRising = "cycle_rising";
    public const string HomeworkLowAdherence = "homework_low_adherence";
    public const string ReliableDeterioration = "reliable_deterioration";
    public const string PartnersDiverging = "partners_diverging";
    public const string BothBelowCutOff = "both_below_cut_off";
    public const string QuestionnaireMissed = "questionnaire_missed";
    public const string QuestionnairePending = "questionnaire_pending";
}

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

/// <param name="Status">The couple's status word: intake, active, paused or closed.</param>
/// <param name="RecentMeanIntensities">Per-session mean partner intensity, date order; the last three are used.</param>
/// <param name="Homework">Active assignments only.</param>
public sealed record CaseloadAlertInput(
    DateOnly Today,
    string Status,
    DateOnly StartedOn,
    DateOnly? LastSessionOn,
    IReadOnlyList<double> RecentMeanIntensities,
    IReadOnlyList<HomeworkAlertInput> Homework,
    IReadOnlyList<DeteriorationAlertInput> ReliableDeteriorations,
    DateOnly? OldestPendingQuestionnaireRequestedOn,
    bool OpenSafetyFlag,
    bool JointSessionsPaused = false,
    DateOnly? NextBookedOn = null,
    IReadOnlyList<RiskItemAlertInput>? OpenRiskItems = null,
    IReadOnlyList<MissedScheduleAlertInput>? MissedTwiceInARow = null,
    IReadOnlyList<DivergenceAlertInput>? Divergences = null,
    IReadOnlyList<BelowCutOffAlertInput>? BothBelowCutOff = null);

/// <summary>
/// The alerts on a caseload row (DESIGN §5), in a fixed order with the safety alerts always
/// first: a questionnaire's risk item (PHQ-9 item 9), an open safety flag, then joint sessions paused
/// in a risk record (DESIGN §4a: each gates joint work, but they are different facts and read
/// differently). A closed couple gets none: the case is archived and nothing is expected of it.
/// </summary>
public static class CaseloadAlerts
{
    /// <summary>Days since the last session (or the start, before any) at which the gap is flagged.</summary>
    public const int NoSessionDays = 21;

    /// <summary>Adherence strictly below this in each of the last two weeks is flagged.</summary>
    public const double LowAdherence = 0.30;

    /// <summary>A questionnaire pending strictly longer than this many days is flagged.</summary>
    public const int PendingQuestionnaireDays = 7;

    private static readonly System.Collections.Immutable.ImmutableArray<string> Statuses = ["intake", "active", "paused", "closed"];

    public static IReadOnlyList<CaseloadAlert> Evaluate(CaseloadAlertInput input)
    {
        if (!Statuses.Contains(input.Status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown couple status '{input.Status}'.", nameof(input));
        }
        if (input.Status == "closed") return [];

        return new[]
        {
            RiskItem(input),
            SafetyFlag(input),
            JointSessionsPaused(input),
            NoRecentSession(input),
            CycleRising(input),
            HomeworkLowAdherence(input),
            ReliableDeterioration(input),
            PartnersDiverging(input),
            BothBelowCutOff(input),
            QuestionnaireMissed(input),
            QuestionnairePending(input),
        }.OfType<CaseloadAlert>().ToList();
    }

    private static CaseloadAlert? RiskItem(CaseloadAlertInput input) =>
        input.OpenRiskItems is { Count: > 0 } risks
            ? new(CaseloadAlertCodes.RiskItem, AlertSeverity.Critical,
                string.Join(" ", risks.Select(r => $"{r.PartnerName}: {r.Alert}")))
            : null;

    private static CaseloadAlert? SafetyFlag(CaseloadAlertInput input) =>
        input.OpenSafetyFlag
            ? new(CaseloadAlertCodes.SafetyFlag, AlertSeverity.Critical, "Open safety flag: review before any joint work.")
            : null;

    private static CaseloadAlert? JointSessionsPaused(CaseloadAlertInput input) =>
        input.JointSessionsPaused
            ? new(CaseloadAlertCodes.JointSessionsPaused, AlertSeverity.Critical,
                "Joint sessions paused in a risk record: no joint work until the pause is lifted.")
            : null;

    /// <summary>The alerts that put a couple at the top of the caseload.</summary>
    public static bool IsSafety(CaseloadAlert alert) =>
        alert.Code is CaseloadAlertCodes.RiskItem or CaseloadAlertCodes.SafetyFlag or CaseloadAlertCodes.JointSessionsPaused;

    // A paused couple is not expected to attend, so only intake and active couples are chased; a
    // couple with an appointment booked is already on its way back (DESIGN §9).
    private static CaseloadAlert? NoRecentSession(CaseloadAlertInput input)
    {
        if (input.Status is not ("intake" or "active") || input.NextBookedOn is not null) return null;
        var since = input.LastSessionOn ?? input.StartedOn;
        var days = input.Today.DayNumber - since.DayNumber;
        if (days < NoSessionDays) return null;
        var message = input.LastSessionOn is null
            ? $"No session yet, {days} days since the start."
            : $"No session for {days} days.";
        return new(CaseloadAlertCodes.NoRecentSession, AlertSeverity.Warning, message);
    }

    private static CaseloadAlert? CycleRising(CaseloadAlertInput input)
    {
        if (CycleTrend.Classify(input.RecentMeanIntensities) != CycleTrendDirection.Rising) return null;
        var path = string.Join(" → ", input.RecentMeanIntensities.TakeLast(CycleTrend.Sessions)
            .Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
        return new(CaseloadAlertCodes.CycleRising, AlertSeverity.Warning,
            $"Cycle intensity rising over the last three sessions ({path}).");
    }

    // Two weeks both under the line, not one, so a single busy week does not raise an alert.
    private static CaseloadAlert? HomeworkLowAdherence(CaseloadAlertInput input)
    {
        var flagged = input.Homework
            .Where(h => h.IsOverdue
                || (h.AdherencePreviousWeek < LowAdherence && h.AdherenceLastWeek < LowAdherence))
            .Select(h => h.IsOverdue ? $"{h.ExerciseTitle} (overdue)" : $"{h.ExerciseTitle} (under 30 % for two weeks)")
            .ToList();
        return flagged.Count == 0
            ? null
            : new(CaseloadAlertCodes.HomeworkLowAdherence, AlertSeverity.Warning, $"Homework: {string.Join("; ", flagged)}.");
    }

    private static CaseloadAlert? ReliableDeterioration(CaseloadAlertInput input)
    {
        if (input.ReliableDeteriorations.Count == 0) return null;
        var parts = input.ReliableDeteriorations.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"{d.PartnerName}, {(d.Instrument is null ? "" : d.Instrument + " ")}{d.Construct} ({(d.Rci is { } rci
                ? $"RCI {rci:0.00}" : $"{d.Change:+0.##;-0.##} points")})"));
        return new(CaseloadAlertCodes.ReliableDeterioration, AlertSeverity.Warning,
            $"Reliable deterioration: {string.Join("; ", parts)}.");
    }

    private static CaseloadAlert? PartnersDiverging(CaseloadAlertInput input) =>
        input.Divergences is { Count: > 0 } divergences
            ? new(CaseloadAlertCodes.PartnersDiverging, AlertSeverity.Warning, string.Join(" ", divergences.Select(d =>
                $"Partners diverging on {d.Instrument} {d.Construct}: {d.BetterPartner} reliably better, {d.WorsePartner} reliably worse.")))
            : null;

    private static CaseloadAlert? BothBelowCutOff(CaseloadAlertInput input) =>
        input.BothBelowCutOff is { Count: > 0 } below
            ? new(CaseloadAlertCodes.BothBelowCutOff, AlertSeverity.Warning, string.Join(" ", below.Select(b => string.Create(
                CultureInfo.InvariantCulture,
                $"Both partners below the {b.Instrument} cut-off ({b.CutOff:0.##}): {string.Join(", ", b.Scores.Select(s => $"{s.PartnerName} {s.Score:0.##}"))}."))))
            : null;

    private static CaseloadAlert? QuestionnaireMissed(CaseloadAlertInput input) =>
        input.MissedTwiceInARow is { Count: > 0 } missed
            ? new(CaseloadAlertCodes.QuestionnaireMissed, AlertSeverity.Warning,
                $"Missed two scheduled questionnaires in a row: {string.Join("; ", missed.Select(m => $"{m.PartnerName} ({m.Instrument})"))}.")
            : null;

    private static CaseloadAlert? QuestionnairePending(CaseloadAlertInput input)
    {
        if (input.OldestPendingQuestionnaireRequestedOn is not { } requested) return null;
        var days = input.Today.DayNumber - requested.DayNumber;
        return days > PendingQuestionnaireDays
            ? new(CaseloadAlertCodes.QuestionnairePending, AlertSeverity.Info, $"Questionnaire pending for {days} days.")
            : null;
    }
}
