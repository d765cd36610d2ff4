using System.Globalization;
using System.Text;
using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Conceptualisations;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.CycleMaps;
using Clinic.Api.Features.Dashboard;
using Clinic.Api.Features.TreatmentPlans;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Conceptualisations;

/// <summary>
/// Reads what a conceptualisation is drafted from, with the rules the rest of the app already holds: the couple
/// dashboard's one-round-trip read (<see cref="CoupleDashboardQueries"/>), the closing summary's first-vs-latest measures
/// (<see cref="MeasuresFirstAndLast"/>, change judged by <see cref="ReliableChange.Judge"/>), the plan's goal progress
/// (<see cref="GoalEvaluator"/>) and the cycle map's current version. The caller has already decided the couple is readable.
/// </summary>
internal sealed class ConceptualisationRecordReader(ClinicDbContext db, PracticeCalendar calendar, InstrumentCatalogue instruments)
{
    public async Task<ConceptualisationRecordDto> ReadAsync(Couple couple, CancellationToken ct)
    {
        var today = calendar.Today();
        var (_, map) = await db.CurrentCycleMapAsync(couple.Id, ct);
        var (_, plan) = await db.CurrentPlanAsync(couple.Id, ct);
        var tango = await db.Sessions.Where(s => s.CoupleId == couple.Id && s.Date <= today)
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime)
            .Select(s => new { s.Date, s.TangoMoves, s.ExcerptCandidates }).ToListAsync(ct);
        // The couple's own therapist's caseload: a supervisor reads it under the link the caller's access was checked by.
        var data = await CoupleDashboardQueries.LoadAsync(db, couple.TherapistId, couple.Id, null, ct)
            ?? throw new NotFoundException("couple", couple.Id);
        await db.Database.CloseConnectionAsync();

        var names = data.Partners.ToDictionary(p => p.Id, p => p.FirstName);
        var partners = data.Partners.Select(p =>
        {
            var scores = data.Assessments
                .Where(a => a.PartnerId == p.Id && a.AdministeredOn <= today && a.Avoidance is not null && a.Anxiety is not null
                    && instruments.Find(a.InstrumentCode, a.InstrumentVersion)?.Quadrant is not null)
                .Select(a => new AttachmentScoreDto(a.AdministeredOn, Math.Round(a.Avoidance!.Value, 2), Math.Round(a.Anxiety!.Value, 2), a.Quadrant))
                .ToList();
            return new ConceptualisationPartnerDto(p.Id, p.Label, p.FirstName, scores.LastOrDefault()?.Style, scores);
        }).ToList();

        var cycle = map is null ? null : new ConceptualisationCycleDto(map.Version,
            data.Partners.Select(p => map.SideOf(p.Id)).OfType<Domain.CycleMaps.CycleMapSide>()
                .Select(s => new ConceptualisationCycleSideDto(s.PartnerId, names.GetValueOrDefault(s.PartnerId, ""), s.Trigger, s.Moves,
                    s.MoveInOwnWords, s.Feeling, s.Fear, s.Need)).ToList(),
            map.Exit);

        var held = data.Sessions.Where(s => s.Date <= today && s.Attendance is Attendance.Both or Attendance.PartnerA or Attendance.PartnerB).ToList();
        var progress = held.Select(s => new StageProgressDto(s.Date, s.EftStage, s.EftStep)).ToList();
        var events = held.SelectMany(s => (s.Markers ?? []).Select(m => new ChangeEventDto(s.Id, s.Date, s.EftStage, m))).ToList();

        var moves = tango.SelectMany(s => s.TangoMoves.Select(m => m.Move).Distinct().Select(m => (Move: m, s.Date)))
            .GroupBy(x => x.Move)
            .OrderBy(g => TangoMoves.All.ToList().IndexOf(g.Key))
            .Select(g => new TangoMoveSummaryDto(g.Key, g.Count(), g.Min(x => x.Date), g.Max(x => x.Date))).ToList();
        var excerpts = tango.Sum(s => s.ExcerptCandidates.Count);

        var measures = MeasuresFirstAndLast.From(data, today, instruments);

        var evidence = plan?.Goals.Any(g => g.Measure is not null) == true ? GoalEvidenceReader.From(data, today, instruments) : null;
        var goals = (plan?.Goals ?? []).Where(g => g.Status is GoalStatus.Active or GoalStatus.Met)
            .Select(g => new ConceptualisationGoalDto(g.Id, g.Owner, g.Statement, g.Status,
                g.Measure is { } m && evidence is not null ? GoalEvaluator.Evaluate(m, evidence).Reading : null))
            .ToList();

        var drafted = ConceptualisationDraft.Write(couple, partners, cycle, progress, events, moves, excerpts, measures, goals);
        return new ConceptualisationRecordDto(couple.PresentingConcerns, partners, cycle, progress, events, moves, excerpts, measures, goals,
            drafted);
    }
}

/// <summary>The record written out section by section: the first draft the therapist edits.</summary>
internal static class ConceptualisationDraft
{
    private static readonly Dictionary<string, string> Markers = new(StringComparer.Ordinal)
    {
        ["cycleNamedByCouple"] = "the couple named the cycle",
        ["repairAttempt"] = "a repair attempt",
        ["withdrawerReengagement"] = "withdrawer re-engagement",
        ["blamerSoftening"] = "blamer softening",
        ["attachmentInjuryRaised"] = "an attachment injury raised",
    };

    private static string Words(string code) => code.Replace('_', ' ');

    /// <summary>"2 Nov 2026": the practice's way of writing a day (web/…/when.ts), since the draft is read as text on screen.</summary>
    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Readings written elsewhere (a goal's progress) name days as ISO dates; on screen they read the practice's way.</summary>
    private static string Days(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\b\d{4}-\d{2}-\d{2}\b",
        m => DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Day(d) : m.Value);

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static ConceptualisationSections Write(Couple couple, IReadOnlyList<ConceptualisationPartnerDto> partners,
        ConceptualisationCycleDto? cycle, IReadOnlyList<StageProgressDto> progress, IReadOnlyList<ChangeEventDto> events,
        IReadOnlyList<TangoMoveSummaryDto> moves, int excerpts, IReadOnlyList<ClosingMeasureDto> measures,
        IReadOnlyList<ConceptualisationGoalDto> goals)
    {
        var attachment = new StringBuilder();
        foreach (var p in partners)
        {
            if (p.Attachment.Count == 0) { attachment.Append(p.FirstName).Append(": no ECR-RS recorded yet.\n"); continue; }
            var latest = p.Attachment[^1];
            attachment.Append(CultureInfo.InvariantCulture, $"{p.FirstName}: {(p.Style is { } s ? Quadrant.Code(s) : "unclassified")} " +
                $"(ECR-RS avoidance {Number(latest.Avoidance)}, anxiety {Number(latest.Anxiety)} on {Day(latest.AdministeredOn)}).");
            if (p.Attachment.Count > 1)
                attachment.Append(" History: ").Append(string.Join("; ", p.Attachment.Select(a =>
                    $"{Day(a.AdministeredOn)} avoidance {Number(a.Avoidance)}, anxiety {Number(a.Anxiety)}"))).Append('.');
            attachment.Append('\n');
        }

        var cycleText = new StringBuilder();
        if (cycle is null) cycleText.Append("No cycle map saved yet.");
        else
        {
            foreach (var side in cycle.Sides)
            {
                var moveWords = string.Join(", ", side.Moves.Select(Words).Append(side.MoveInOwnWords).Where(m => m.Length > 0));
                cycleText.Append(CultureInfo.InvariantCulture,
                    $"{side.FirstName}: triggered by {Or(side.Trigger)}; moves: {Or(moveWords)}; feels {Or(side.Feeling)}; fears {Or(side.Fear)}; needs {Or(side.Need)}.\n");
            }
            cycleText.Append("The exit: ").Append(Or(cycle.Exit)).Append('.');
        }

        var progressText = new StringBuilder();
        if (progress.Count == 0) progressText.Append("No sessions held yet.");
        else
        {
            progressText.Append(CultureInfo.InvariantCulture,
                $"{progress.Count} sessions held from {Day(progress[0].Date)} to {Day(progress[^1].Date)}. ");
            var stages = progress.GroupBy(p => p.Stage).OrderBy(g => g.Key)
                .Select(g => $"stage {g.Key} from {Day(g.Min(p => p.Date))} (steps {string.Join(", ", g.Select(p => p.Step).Distinct().Order())})");
            progressText.Append("By stage: ").Append(string.Join("; ", stages)).Append(". ");
            progressText.Append(CultureInfo.InvariantCulture, $"Latest: stage {progress[^1].Stage}, step {progress[^1].Step}.");
        }

        var eventsText = events.Count == 0 ? "No change events marked yet."
            : string.Join("\n", events.Select(e => $"{Day(e.Date)} (stage {e.Stage}): {Markers.GetValueOrDefault(e.Marker, e.Marker)}."));

        var tangoText = moves.Count == 0 ? "No Tango moves recorded yet."
            : string.Join("\n", moves.Select(m => $"{char.ToUpperInvariant(Words(m.Move)[0])}{Words(m.Move)[1..]}: {m.Sessions} session{(m.Sessions == 1 ? "" : "s")}, " +
                $"{Day(m.FirstOn)} to {Day(m.LastOn)}.")) + (excerpts > 0 ? $"\n{excerpts} excerpt candidate{(excerpts == 1 ? "" : "s")} marked." : "");

        var measuresText = measures.Count == 0 ? "No measures recorded yet."
            : string.Join("\n", measures.Select(m => $"{m.PartnerName}, {m.Instrument} {m.Subscale}: {Number(m.First)} ({Day(m.FirstOn)}) → " +
                $"{Number(m.Last)} ({Day(m.LastOn)}). {Days(m.Verdict)}"));

        var goalsText = goals.Count == 0 ? "No treatment plan goals yet."
            : string.Join("\n", goals.Select(g => $"- {g.Statement} [{Words(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Status.ToString()))}]" +
                (g.Progress is null ? "" : $" — {Days(g.Progress)}")));

        return new ConceptualisationSections(couple.PresentingConcerns, attachment.ToString().TrimEnd(), cycleText.ToString().TrimEnd(),
            progressText.ToString().TrimEnd(), eventsText, tangoText, measuresText, goalsText, "");
    }

    private static string Or(string text) => string.IsNullOrWhiteSpace(text) ? "(not written)" : text.Trim();
}
