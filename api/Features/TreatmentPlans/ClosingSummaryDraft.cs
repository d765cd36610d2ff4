using Clinic.Api.Domain.Practice;
using System.Globalization;
using System.Text;
using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Dashboard;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

/// <summary>One measure's first and last score for one partner, with the change verdict where the instrument has one.</summary>
public sealed record ClosingMeasureDto(string Instrument, string Subscale, Guid PartnerId, string PartnerName, DateOnly FirstOn, double First,
    DateOnly LastOn, double Last, string Verdict);

/// <summary>
/// A closing summary drafted from the record (the therapist edits it before signing): <c>Text</c> and the facts it was
/// written from. Cycle means are session means (<c>null</c> without three rated sessions).
/// </summary>
public sealed record ClosingSummaryDraftDto(string Text, DateOnly StartedOn, DateOnly? FirstSessionOn, DateOnly? LastSessionOn, int SessionsHeld,
    int SessionsMissed, int? StageReached, double? CycleFirstThree, double? CycleLastThree, double? HomeworkAdherence,
    IReadOnlyList<ClosingMeasureDto> Measures, bool OpenSafetyItems);

public sealed record GetClosingSummaryDraftQuery(Guid CoupleId) : IRequest<ClosingSummaryDraftDto>;

internal sealed class GetClosingSummaryDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    InstrumentCatalogue instruments) : IRequestHandler<GetClosingSummaryDraftQuery, ClosingSummaryDraftDto>
{
    public async Task<ClosingSummaryDraftDto> Handle(GetClosingSummaryDraftQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var today = calendar.Today();
        var (_, plan) = await db.CurrentPlanAsync(couple.Id, ct);
        var openSafety = await SafetyGate.NeedsJointConfirmationAsync(db, couple.Id, ct);
        var data = await CoupleDashboardQueries.LoadAsync(db, user.Id, couple.Id, null, ct) ?? throw new NotFoundException("couple", couple.Id);
        await db.Database.CloseConnectionAsync();
        audit.Record("closing_summary.draft", "closing_summary", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);

        var evidence = GoalEvidenceReader.From(data, today, instruments);
        var past = data.Sessions.Where(s => s.Date <= today).ToList();
        var held = past.Where(s => s.Attendance is Attendance.Both or Attendance.PartnerA or Attendance.PartnerB).ToList();
        var missed = past.Count - held.Count;
        int? stage = held.Count > 0 ? held.Max(s => s.EftStage) : null;
        var means = past.Where(s => s.CycleMean is not null).Select(s => s.CycleMean!.Value).ToList();
        double? firstThree = means.Count >= Domain.Dashboard.CycleTrend.Sessions ? Math.Round(means.Take(3).Average(), 2) : null;
        double? lastThree = means.Count >= Domain.Dashboard.CycleTrend.Sessions ? Math.Round(means.TakeLast(3).Average(), 2) : null;
        // The whole treatment's homework, by the dashboards' weekly periods combined.
        double? adherence = null;
        if (data.Assignments.Count > 0)
        {
            var first = Adherence.WeekStart(data.Assignments.Min(a => a.StartsOn));
            var weeks = Enumerable.Range(0, (Adherence.WeekStart(today).DayNumber - first.DayNumber) / 7 + 1).Select(i => first.AddDays(7 * i)).ToList();
            adherence = Adherence.Combined(GetCoupleDashboardHandler.AdherencePeriods(data.Assignments, data.Entries, data.Partners, weeks, today))
                is { } r ? Math.Round(100 * r, 1) : null;
        }
        var measures = MeasuresFirstAndLast.From(data, today, instruments);

        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"{couple.DisplayName}: treatment from {ReadableDates.Day(couple.StartedOn)} to {ReadableDates.Day(today)}.");
        Line($"Sessions held: {held.Count}; missed or cancelled: {missed}{(held.Count > 0 ? $" (first {ReadableDates.Day(held[0].Date)}, last {ReadableDates.Day(held[^1].Date)})" : "")}.");
        Line($"EFT stage reached: {(stage is { } st ? st.ToString(CultureInfo.InvariantCulture) : "none recorded")}.");
        if (firstThree is not null) Line($"Cycle intensity (mean of partners): first three sessions {firstThree:0.##}, last three {lastThree:0.##}.");
        if (adherence is not null) Line($"Homework adherence over the treatment: {adherence:0.#} %.");
        if (plan is not null && plan.Goals.Count > 0)
        {
            Line($"Goals (plan version {plan.Version}):");
            foreach (var g in plan.Goals)
            {
                var progress = g.Measure is { } m ? GoalEvaluator.Evaluate(m, evidence) : null;
                var status = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Status.ToString());
                Line($"- {g.Statement} [{status}]{(progress is null ? "" : $" — {(progress.Value is { } v ? $"final value {v:0.##}, " : "")}{progress.Reading}")}");
            }
        }
        if (measures.Count > 0)
        {
            Line($"Measures (first → last):");
            foreach (var m in measures) Line($"- {m.PartnerName}, {m.Instrument} {m.Subscale}: {m.First:0.##} ({ReadableDates.Day(m.FirstOn)}) → {m.Last:0.##} ({ReadableDates.Day(m.LastOn)}). {m.Verdict}");
        }
        Line($"Open safety items: {(openSafety ? "yes — review before closing" : "none")}.");

        return new ClosingSummaryDraftDto(text.ToString(), couple.StartedOn, held.Count > 0 ? held[0].Date : null, held.Count > 0 ? held[^1].Date : null,
            held.Count, missed, stage, firstThree, lastThree, adherence, measures, openSafety);
    }
}

/// <summary>
/// Each partner's first and last score on every subscale up to today, with the change between them judged by the
/// subscale's own rule (<see cref="ReliableChange.Judge"/>). The closing summary and the case conceptualisation read
/// "first vs latest" from here.
/// </summary>
internal static class MeasuresFirstAndLast
{
    public static List<ClosingMeasureDto> From(CoupleDashboardQueries.Dashboard data, DateOnly today, InstrumentCatalogue instruments)
    {
        var names = data.Partners.ToDictionary(p => p.Id, p => p.FirstName);
        var measures = new List<ClosingMeasureDto>();
        foreach (var series in data.Assessments.Where(a => a.AdministeredOn <= today && names.ContainsKey(a.PartnerId))
                     .GroupBy(a => (a.InstrumentCode, a.PartnerId)))
        {
            var definition = instruments.Latest(series.Key.InstrumentCode);
            foreach (var subscale in definition?.Subscales ?? [])
            {
                var points = series.Where(a => a.Scores.ContainsKey(subscale.Code)).ToList();
                if (points.Count == 0) continue;
                var (a, b) = (points[0], points[^1]);
                var verdict = points.Count > 1 ? ReliableChange.Judge(a.Scores[subscale.Code], b.Scores[subscale.Code], subscale).Reading : "One score only.";
                measures.Add(new ClosingMeasureDto(definition!.Code, subscale.Code, series.Key.PartnerId, names[series.Key.PartnerId], a.AdministeredOn,
                    Math.Round(a.Scores[subscale.Code], 2), b.AdministeredOn, Math.Round(b.Scores[subscale.Code], 2), verdict));
            }
        }
        return measures;
    }
}
