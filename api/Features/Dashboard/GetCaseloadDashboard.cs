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
        var today = calendar.Today();
        // Two complete weeks before this one are needed for the low-adherence alert.
        var entriesFrom = Adherence.WeekStart(today).AddDays(-14);
        // Session check, audit row and the reads in one round trip; with a standby, check and audit first on the primary.
        const string action = "dashboard.caseload";
        if (routing.UsesStandby) await session.RunAsync(db, action, "couple", null, ct);
        var source = routing.UsesStandby ? read : db;
        var caseload = await CaseloadDashboardQueries.LoadAsync(source, user.Id, today, clock.GetUtcNow(), entriesFrom,
            routing.UsesStandby ? null : session.InBatch(action, "couple"), ct);
        await source.Database.CloseConnectionAsync();
        var couples = caseload.Couples;
        var assignments = caseload.Assignments.ToLookup(a => a.CoupleId);
        var entries = caseload.Entries
            .Select(e => new EntryFact(Guid.Empty, e.AssignmentId, e.PartnerId, e.OccurredOn, EntryRole.Needing)).ToLookup(e => e.AssignmentId);
        var assessments = caseload.Assessments.ToLookup(a => a.CoupleId);
        var partners = caseload.Partners.ToLookup(p => p.CoupleId);

        var rows = couples.Select(c => Row(c, today, assignments[c.CoupleId].ToList(), entries, assessments[c.CoupleId].ToList(),
                partners[c.CoupleId].ToList()))
            .OrderByDescending(r => r.Alerts.Any(CaseloadAlerts.IsSafety))
            .ThenByDescending(r => r.Alerts.Count > 0)
            .ThenBy(r => r.Status == CoupleStatus.Closed)
            .ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new CaseloadDashboardDto(today, rows);
    }

    private CaseloadRowDto Row(CoupleRow c, DateOnly today, List<AssignmentRow> assignments, ILookup<Guid, EntryFact> entries,
        List<AssessmentRow> assessments, List<PartnerRow> partners)
    {
        var means = c.RecentMeans ?? [];
        var homework = assignments.Select(a => HomeworkSignals(a, entries[a.Id].ToList(), partners, today)).ToList();
        var adherence = Adherence.Combined(homework.SelectMany(h => h.Window)) is { } ratio ? Math.Round(ratio, 3) : (double?)null;

        DateOnly? nextBookedOn = c.NextBookedAt is { } next ? calendar.DateOf(next) : null;
        // A held appointment is contact too, even before its session is written up.
        var lastContact = c.LastHeldAt is { } held && (c.LastSessionOn is null || calendar.DateOf(held) > c.LastSessionOn)
            ? calendar.DateOf(held) : c.LastSessionOn;
        var alerts = CaseloadAlerts.Evaluate(new CaseloadAlertInput(today, c.Status, c.StartedOn, lastContact, means,
            homework.Select(h => h.Alert).ToList(), Deteriorations(assessments, partners),
            c.OldestPendingRequestedAt is { } at ? calendar.DateOf(at) : null, c.OpenSafetyFlag, c.JointSessionsPaused, nextBookedOn));

        return new CaseloadRowDto(c.CoupleId, c.DisplayName, SnakeCaseEnumConverter<CoupleStatus>.FromWire(c.Status), c.StartedOn,
            c.SessionCount, c.LastSessionOn, nextBookedOn, c.EftStage, c.EftStep, CycleTrend.Classify(means),
            means.Select(m => Math.Round(m, 2)).ToList(), adherence, c.PendingQuestionnaires, alerts);
    }

    private sealed record Signals(IReadOnlyList<AdherencePeriod> Window, HomeworkAlertInput Alert);

    /// <summary>Adherence of one assignment, across the partners it was given to, capped per partner.</summary>
    private Signals HomeworkSignals(AssignmentRow a, List<EntryFact> entries, List<PartnerRow> partners, DateOnly today)
    {
        var assigned = partners.Where(p => HomeworkAssignment.Covers(a.AssignedTo, p.Label)).Select(p => p.Id).ToList();
        var until = HomeworkAssignment.ActiveUntil(a.DueOn, today);
        var window = Adherence.OverWindow(a.TargetPerWeek, entries, assigned, today, a.StartsOn, until);
        var thisWeek = Adherence.WeekStart(today);
        var weeks = Adherence.Weekly(a.TargetPerWeek, entries, [thisWeek.AddDays(-14), thisWeek.AddDays(-7)], assigned, a.StartsOn, until);
        double? WeekRatio(DateOnly start) => Adherence.Combined(weeks.Where(w => w.From == start));
        var title = exercises.LatestOf(a.ExerciseCode)?.Title ?? a.ExerciseCode;
        return new Signals(window,
            new HomeworkAlertInput(title, a.DueOn < today, WeekRatio(thisWeek.AddDays(-14)), WeekRatio(thisWeek.AddDays(-7))));
    }

    private List<DeteriorationAlertInput> Deteriorations(List<AssessmentRow> assessments, List<PartnerRow> partners)
    {
        var result = new List<DeteriorationAlertInput>();
        foreach (var pair in assessments.GroupBy(a => (a.PartnerId, a.InstrumentCode)).Where(g => g.Count() == 2))
        {
            var latest = pair.Single(a => a.Rank == 1);
            var previous = pair.Single(a => a.Rank == 2);
            if (instruments.Find(latest.InstrumentCode, latest.InstrumentVersion) is not { } definition) continue;
            var name = partners.FirstOrDefault(p => p.Id == pair.Key.PartnerId)?.FirstName ?? "A partner";
            foreach (var change in AttachmentChange.Between(definition, new(previous.Avoidance, previous.Anxiety), new(latest.Avoidance, latest.Anxiety))
                         .Where(c => c.Result.Direction == ChangeDirection.Deteriorated))
                result.Add(new DeteriorationAlertInput(name, change.Subscale.Label.ToLowerInvariant(), change.Result.Rci));
        }
        return result;
    }
}
