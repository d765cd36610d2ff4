using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Homework;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using static Clinic.Api.Features.Dashboard.CoupleDashboardQueries;

namespace Clinic.Api.Features.Dashboard;

public sealed record GetCoupleDashboardQuery(Guid CoupleId) : IRequest<CoupleDashboardDto>;

/// <summary>
/// The series behind the couple's four charts, computed here so the browser only draws.
/// One round trip whatever the history (<see cref="CoupleDashboardQueries"/>), from <see cref="ClinicReadDbContext"/>
/// (a standby when one is configured); the audit row goes to the primary.
/// </summary>
internal sealed class GetCoupleDashboardHandler(ClinicDbContext db, ClinicReadDbContext read, ReadRouting routing,
    BatchedSessionCheck session, ICurrentUser user, PracticeCalendar calendar, InstrumentCatalogue instruments) : IRequestHandler<GetCoupleDashboardQuery, CoupleDashboardDto>
{
    /// <summary>The adherence band shows at most this many weeks, ending with the current one.</summary>
    public const int AdherenceWeeks = 12;

    /// <summary>Turn balance and perception gaps: <see cref="HomeworkWindows.TurnBalanceDays"/> (one definition, DESIGN §4).</summary>
    public const int HomeworkWindowDays = HomeworkWindows.TurnBalanceDays;

    public async Task<CoupleDashboardDto> Handle(GetCoupleDashboardQuery query, CancellationToken ct)
    {
        var today = calendar.Today();
        if (user.Role != Roles.Therapist) throw new NotFoundException("couple", query.CoupleId);
        // Session check, audit row (only for a couple on the caseload) and the reads in one round trip; with a
        // standby, check and audit first on the primary.
        const string action = "dashboard.couple";
        CoupleDashboardQueries.Dashboard? data;
        if (routing.UsesStandby)
        {
            await session.RunAsync(action, "couple", query.CoupleId, ct);
            data = await CoupleDashboardQueries.LoadAsync(read, user.Id, query.CoupleId, null, ct);
            await read.Database.CloseConnectionAsync();
            // A couple created a moment ago may not have reached the standby yet: the primary decides "not found".
            data ??= await CoupleDashboardQueries.LoadAsync(db, user.Id, query.CoupleId, null, ct);
        }
        else
            data = await CoupleDashboardQueries.LoadAsync(db, user.Id, query.CoupleId, session.InBatch(action, "couple", query.CoupleId), ct);
        await db.Database.CloseConnectionAsync();
        if (data is null) throw new NotFoundException("couple", query.CoupleId);
        var (couple, partners, sessions, assignments, entries) = (data.Couple, data.Partners, data.Sessions, data.Assignments, data.Entries);
        var ratings = data.Ratings.ToLookup(r => r.SessionId);

        var cycle = sessions.Select(s => new CycleSessionDto(s.Id, s.Date, s.Attendance, s.EftStage, s.EftStep,
            ratings[s.Id].OrderBy(p => partners.FindIndex(x => x.Id == p.PartnerId))
                .Select(p => new CyclePointDto(p.PartnerId, p.Position, p.Intensity)).ToList(),
            s.CycleMean is { } mean ? Math.Round(mean, 2) : null,
            s.Episodes, s.PeakIntensity, s.RepairMinutes, s.Markers ?? [], s.Corrected)).ToList();
        var rated = cycle.Where(s => s.MeanIntensity is not null && s.Date <= today).Select(s => s.MeanIntensity!.Value).ToList();
        var windowFrom = HomeworkWindows.TurnBalanceFrom(today);
        var recent = entries.Where(e => HomeworkWindows.InTurnBalanceWindow(e.OccurredOn, today)).ToList();
        var takingTurns = assignments.Where(a => a.ExerciseCode == HomeworkMetrics.TakingTurnsCode).Select(a => a.Id).ToHashSet();
        var joint = assignments.Where(a => a.IsJoint).Select(a => a.Id).ToHashSet();


        return new CoupleDashboardDto(couple.Id, couple.DisplayName, couple.Status, today,
            partners.Select(p => new DashboardPartnerDto(p.Id, p.Label, p.FirstName)).ToList(),
            cycle, CycleTrend.Classify(rated),
            WeeklyAdherence(assignments, entries, partners, today),
            Attachment(data.Assessments), AttachmentNote,
            windowFrom,
            TurnBalance.ForCouple(entries.Where(e => takingTurns.Contains(e.AssignmentId)), partners.Select(p => p.Id), today)
                .Select(s => new TurnBalanceShareDto(s.PartnerId, s.Needing, s.Supporting, s.NeedingShare is { } n ? Math.Round(n, 3) : null)).ToList(),
            EntryPairing.Pair(recent, joint).Gaps.Select(g => new CouplePerceptionGapDto(g.Needing.AssignmentId, g.Needing.OccurredOn, g.Kind,
                g.Needing.PartnerId, g.Supporting?.PartnerId, Describe(g, partners))).ToList(),
            sessions.Where(s => s.Date <= today).Select(s => new StagePointDto(s.Id, s.Date, s.EftStage, s.EftStep)).ToList(),
            MeasureSeries.Build(data.Assessments, instruments));
    }

    private const string AttachmentNote =
        "Avoidance and anxiety run 1–7; the quadrant split at 4 is a convention, not a diagnosis. A move is drawn as change only when |RCI| > 1.96.";

    /// <summary>Per week and partner: entries ÷ expected across the assignments given to that partner, each capped at its target.</summary>
    private static List<WeeklyAdherenceDto> WeeklyAdherence(List<AssignmentRow> assignments, List<EntryFact> entries,
        List<PartnerRow> partners, DateOnly today)
    {
        if (assignments.Count == 0) return [];
        var thisWeek = Adherence.WeekStart(today);
        var first = Adherence.WeekStart(assignments.Min(a => a.StartsOn));
        var weeks = Enumerable.Range(0, AdherenceWeeks).Select(i => thisWeek.AddDays(-7 * (AdherenceWeeks - 1 - i)))
            .Where(w => w >= first).ToList();
        var periods = AdherencePeriods(assignments, entries, partners, weeks, today);
        return weeks.SelectMany(w => partners.Select(p =>
        {
            var rows = periods.Where(x => x.From == w && x.PartnerId == p.Id).ToList();
            return new WeeklyAdherenceDto(w, p.Id, rows.Sum(x => x.Entries), Math.Round(rows.Sum(x => x.Expected), 2),
                Adherence.Combined(rows) is { } ratio ? Math.Round(ratio, 3) : null);
        })).ToList();
    }

    /// <summary>
    /// One period per assignment, partner it was given to and week, each assignment for the days it ran (to its due date or
    /// the day it was completed or cancelled: <see cref="HomeworkAssignment.ActiveUntil(DateOnly)"/>) — the adherence rule
    /// of every view (DESIGN §4), which a treatment-plan goal on homework reads too.
    /// </summary>
    internal static List<AdherencePeriod> AdherencePeriods(List<AssignmentRow> assignments, List<EntryFact> entries,
        List<PartnerRow> partners, IReadOnlyList<DateOnly> weeks, DateOnly today) =>
        assignments.SelectMany(a => Adherence.Weekly(a.TargetPerWeek,
            entries.Where(e => e.AssignmentId == a.Id), weeks,
            partners.Where(p => a.IsAssignedTo(p.Label)).Select(p => p.Id), a.StartsOn, a.ActiveUntil(today))).ToList();

    private List<AttachmentPointDto> Attachment(List<AssessmentRow> assessments)
    {
        var points = new List<AttachmentPointDto>();
        // The plane is drawn from the instruments that report avoidance and anxiety (ECR-RS).
        foreach (var series in assessments.Where(a => a.Avoidance is not null && a.Anxiety is not null).GroupBy(a => (a.PartnerId, a.InstrumentCode)))
        {
            AssessmentRow? previous = null;
            foreach (var a in series)
            {
                var definition = instruments.Find(a.InstrumentCode, a.InstrumentVersion);
                // The one reliable-change entry point, judged by this assessment's version: it never throws, whatever the rule.
                var change = previous is null || definition is null ? [] : MeasureChange
                    .Between(definition, PlaneScores(previous), PlaneScores(a))
                    .Select(c => new AttachmentChangeDto(c.Key, Math.Round(c.Value.Previous, 2), Math.Round(c.Value.Current, 2),
                        Math.Round(c.Value.Change, 2), c.Value.Rci is { } rci ? Math.Round(rci, 2) : null, c.Value.IsReliable,
                        c.Value.Direction, c.Value.Reading, ScoreTrend.From(c.Value).Direction))
                    .ToList();
                points.Add(new AttachmentPointDto(a.Id, a.PartnerId, a.AdministeredOn,
                    a.Source, Math.Round(a.Avoidance!.Value, 2), Math.Round(a.Anxiety!.Value, 2),
                    a.Quadrant, change.Any(c => c.Reliable), change));
                previous = a;
            }
        }
        return points.OrderBy(p => p.AdministeredOn).ToList();
    }

    private static Dictionary<string, double> PlaneScores(AssessmentRow a) => new()
    {
        [AttachmentScores.AvoidanceCode] = a.Avoidance!.Value, [AttachmentScores.AnxietyCode] = a.Anxiety!.Value,
    };

    private static string Describe(PerceptionGap gap, List<PartnerRow> partners)
    {
        string Name(Guid id) => partners.FirstOrDefault(p => p.Id == id)?.FirstName ?? "A partner";
        return gap.Kind == PerceptionGapKind.UnmatchedNeed
            ? $"{Name(gap.Needing.PartnerId)} logged a need; their partner logged nothing that day."
            : $"{Name(gap.Needing.PartnerId)} rated the response low; {Name(gap.Supporting!.PartnerId)} felt it went well.";
    }
}
