using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Homework;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using static Clinic.Api.Features.Dashboard.CaseloadDashboardQueries;

namespace Clinic.Api.Features.Dashboard;

public sealed record GetCaseloadDashboardQuery : IRequest<CaseloadDashboardDto>;

/// <summary>One couple's caseload row — what the couple's overview shows — from the caseload's own statements and rules.</summary>
public sealed record GetCaseloadRowQuery(Guid CoupleId) : IRequest<CaseloadRowDto>;

/// <summary>
/// The therapist's home: one row per couple with its alerts, the couples that need attention first. Read from
/// <see cref="ClinicReadDbContext"/> (a standby when one is configured: seconds of lag are fine here); the session
/// check and the audit row go to the primary, in the same round trip as the reads when there is no standby.
/// </summary>
internal sealed class GetCaseloadDashboardHandler(ClinicDbContext db, ClinicReadDbContext read, ReadRouting routing,
    BatchedSessionCheck session, ICurrentUser user, PracticeCalendar calendar, InstrumentCatalogue instruments, ExerciseCatalogue exercises,
    TimeProvider clock)
    : IRequestHandler<GetCaseloadDashboardQuery, CaseloadDashboardDto>
{
    public async Task<CaseloadDashboardDto> Handle(GetCaseloadDashboardQuery query, CancellationToken ct)
    {
        var (today, rows, waitlist) = await RowsAsync(null, ct);
        return new CaseloadDashboardDto(today, rows, waitlist);
    }

    /// <summary>The caseload's rows, or with <paramref name="coupleId"/> that couple's row alone (from the same statements and rules).</summary>
    internal async Task<(DateOnly Today, List<CaseloadRowDto> Rows, Waitlist.WaitlistSummaryDto Waitlist)> RowsAsync(Guid? coupleId, CancellationToken ct)
    {
        var today = calendar.Today();
        // Two complete weeks before this one are needed for the low-adherence alert.
        var entriesFrom = Adherence.WeekStart(today).AddDays(-14);
        // Session check, audit row and the reads in one round trip; with a standby, check and audit first on the primary.
        var action = coupleId is null ? "dashboard.caseload" : "dashboard.caseload_row";
        if (routing.UsesStandby) await session.RunAsync(action, "couple", coupleId, ct);
        var source = routing.UsesStandby ? read : db;
        var caseload = await CaseloadDashboardQueries.LoadAsync(source, user.Id, today, clock.GetUtcNow(), entriesFrom,
            routing.UsesStandby ? null : session.InBatch(action, "couple", coupleId), ct, coupleId);
        await source.Database.CloseConnectionAsync();
        var couples = caseload.Couples;
        var assignments = caseload.Assignments.ToLookup(a => a.CoupleId);
        var entries = caseload.Entries
            .Select(e => new EntryFact(Guid.Empty, e.AssignmentId, e.PartnerId, e.OccurredOn, EntryRole.Needing)).ToLookup(e => e.AssignmentId);
        var assessments = caseload.Assessments.ToLookup(a => a.CoupleId);
        var partners = caseload.Partners.ToLookup(p => p.CoupleId);
        var riskFlags = caseload.RiskFlags.ToLookup(f => f.CoupleId);
        var outcomes = caseload.ScheduledOutcomes.ToLookup(o => o.CoupleId);

        var rows = couples.Select(c => Row(c, today, assignments[c.CoupleId].ToList(), entries, assessments[c.CoupleId].ToList(),
                partners[c.CoupleId].ToList(), riskFlags[c.CoupleId].ToList(), outcomes[c.CoupleId].ToList()))
            .OrderByDescending(r => r.Alerts.Any(CaseloadAlerts.IsSafety))
            .ThenByDescending(r => r.Alerts.Count > 0)
            .ThenBy(r => r.Status == CoupleStatus.Closed)
            .ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var oldest = caseload.Waitlist.OldestAddedAt;
        var waitlist = new Waitlist.WaitlistSummaryDto(caseload.Waitlist.Waiting, oldest,
            oldest is { } at ? Waitlist.WaitlistViews.DaysBetween(at, clock.GetUtcNow(), calendar.Zone) : null, "/waitlist");

        return (today, rows, waitlist);
    }

    private CaseloadRowDto Row(CoupleRow c, DateOnly today, List<AssignmentRow> assignments, ILookup<Guid, EntryFact> entries,
        List<AssessmentRow> assessments, List<PartnerRow> partners, List<RiskFlagRow> riskFlags, List<ScheduledOutcomeRow> outcomes)
    {
        var means = c.RecentMeans ?? [];
        var homework = assignments.Select(a => HomeworkSignals(a, entries[a.Id].ToList(), partners, today)).ToList();
        // Adherence counts every assignment for the days it ran (one that ended this fortnight too); only running ones are chased.
        var adherence = Adherence.Combined(homework.SelectMany(h => h.Window)) is { } ratio ? Math.Round(ratio, 3) : (double?)null;

        DateOnly? nextBookedOn = c.NextBookedAt is { } next ? calendar.DateOf(next) : null;
        // A held appointment is a session that took place, even before it is written up: the column and the alert count it alike.
        var lastContact = CaseloadAlerts.LastSessionOn(c.LastSessionOn, c.LastHeldAt is { } held ? calendar.DateOf(held) : null);
        var measures = Measures(assessments, partners);
        var alerts = CaseloadAlerts.Evaluate(new CaseloadFacts
        {
            Today = today,
            Status = c.Status,
            StartedOn = c.StartedOn,
            LastContactOn = lastContact,
            NextBookedOn = nextBookedOn,
            RecentMeanIntensities = means,
            Homework = homework.Where(h => h.Alert is not null).Select(h => h.Alert!).ToList(),
            ReliableDeteriorations = measures.Deteriorations,
            OldestPendingQuestionnaireRequestedOn = c.OldestPendingRequestedAt is { } at ? calendar.DateOf(at) : null,
            SafetyCheckInFlagsFrom = c.SafetyCheckInFlagsFrom ?? [],
            JointSessionsPaused = c.JointSessionsPaused,
            OpenRiskItems = RiskItems(riskFlags, partners),
            MissedTwiceInARow = MissedTwice(outcomes, partners),
            Divergences = measures.Divergences,
            BothBelowCutOff = measures.BothBelowCutOff,
            ConsentMissingFrom = c.ConsentMissingFrom ?? [],
            SessionsSoFar = c.SessionCount,
            PlanReviewDueOn = c.PlanReviewDueOn,
            UnreadMessages = c.UnreadMessages,
        });

        return new CaseloadRowDto(c.CoupleId, c.DisplayName, c.Status, c.StartedOn,
            c.SessionCount, lastContact, nextBookedOn, c.EftStage, c.EftStep, CycleTrend.Classify(means),
            means.Select(m => Math.Round(m, 2)).ToList(), adherence, c.PendingQuestionnaires, alerts, c.UnreadMessages);
    }

    /// <param name="Alert">Null for an assignment that has ended: nothing to chase.</param>
    private sealed record Signals(IReadOnlyList<AdherencePeriod> Window, HomeworkAlertInput? Alert);

    /// <summary>Adherence of one assignment, across the partners it was given to, capped per partner.</summary>
    private Signals HomeworkSignals(AssignmentRow a, List<EntryFact> entries, List<PartnerRow> partners, DateOnly today)
    {
        var assigned = partners.Where(p => HomeworkAssignment.Covers(a.AssignedTo, p.Label)).Select(p => p.Id).ToList();
        var until = HomeworkAssignment.ActiveUntil(a.DueOn, a.EndedOn, today);
        var window = Adherence.OverWindow(a.TargetPerWeek, entries, assigned, today, a.StartsOn, until);
        var thisWeek = Adherence.WeekStart(today);
        var weeks = Adherence.Weekly(a.TargetPerWeek, entries, [thisWeek.AddDays(-14), thisWeek.AddDays(-7)], assigned, a.StartsOn, until);
        double? WeekRatio(DateOnly start) => Adherence.Combined(weeks.Where(w => w.From == start));
        var title = exercises.LatestOf(a.ExerciseCode)?.Title ?? a.ExerciseCode;
        return new Signals(window, !a.IsActive ? null :
            new HomeworkAlertInput(title, HomeworkAssignment.IsOverdue(a.DueOn, a.EndedOn, today), WeekRatio(thisWeek.AddDays(-14)), WeekRatio(thisWeek.AddDays(-7))));
    }

    /// <summary>Each open risk-item flag in the instrument's own caseload wording.</summary>
    private List<RiskItemAlertInput> RiskItems(List<RiskFlagRow> flags, List<PartnerRow> partners) => flags
        .SelectMany(f => f.Reasons.Select(item => new RiskItemAlertInput(
            partners.FirstOrDefault(p => p.Id == f.PartnerId)?.FirstName ?? "A partner",
            instruments.Find(f.InstrumentCode, f.InstrumentVersion)?.RiskItems?.FirstOrDefault(r => r.Item == item)?.Alert
            ?? $"{f.InstrumentCode} risk item {item} raised a safety flag.")))
        .ToList();

    private static List<MissedScheduleAlertInput> MissedTwice(List<ScheduledOutcomeRow> outcomes, List<PartnerRow> partners) => outcomes
        .GroupBy(o => o.ScheduleId)
        .Where(g => g.Count() == 2 && g.All(o => o.Status == "missed"))
        .Select(g => new MissedScheduleAlertInput(partners.FirstOrDefault(p => p.Id == g.First().PartnerId)?.FirstName ?? "A partner",
            g.First().Instrument))
        .ToList();

    /// <summary>Each partner's two latest administrations per instrument, judged by <see cref="MeasureSignals"/>.</summary>
    private MeasureSignalSet Measures(List<AssessmentRow> assessments, List<PartnerRow> partners) => MeasureSignals.Evaluate(
        assessments.GroupBy(a => (a.PartnerId, a.InstrumentCode)).Select(pair =>
        {
            var latest = pair.Single(a => a.Rank == 1);
            var previous = pair.SingleOrDefault(a => a.Rank == 2);
            return instruments.Find(latest.InstrumentCode, latest.InstrumentVersion) is { } definition
                ? new PartnerMeasure(pair.Key.PartnerId, partners.FirstOrDefault(p => p.Id == pair.Key.PartnerId)?.FirstName ?? "A partner",
                    definition, latest.Scores, previous?.Scores)
                : null;
        }).OfType<PartnerMeasure>()
            // Partner A before partner B in every message, whatever order the rows came in.
            .OrderBy(m => partners.FirstOrDefault(p => p.Id == m.PartnerId)?.Label));
}

/// <summary>
/// The couple overview's row: the caseload's statements limited to one couple, so the overview and the caseload show
/// one figure from one definition — and the audit trail records a read of this couple, not of the whole caseload.
/// Another caseload's couple (or none) is 404.
/// </summary>
internal sealed class GetCaseloadRowHandler(ClinicDbContext db, ClinicReadDbContext read, ReadRouting routing,
    BatchedSessionCheck session, ICurrentUser user, PracticeCalendar calendar, InstrumentCatalogue instruments, ExerciseCatalogue exercises,
    TimeProvider clock)
    : IRequestHandler<GetCaseloadRowQuery, CaseloadRowDto>
{
    public async Task<CaseloadRowDto> Handle(GetCaseloadRowQuery query, CancellationToken ct)
    {
        var caseload = new GetCaseloadDashboardHandler(db, read, routing, session, user, calendar, instruments, exercises, clock);
        var (_, rows, _) = await caseload.RowsAsync(query.CoupleId, ct);
        return rows.SingleOrDefault(r => r.CoupleId == query.CoupleId) ?? throw new Infrastructure.Errors.NotFoundException("couple", query.CoupleId);
    }
}
