using System.Globalization;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Features.Assessments;

namespace Clinic.Api.Features.Dashboard;

public sealed record MeasureBandDto(string Code, string Label, double Min, double Max);

public sealed record MeasureCutOffDto(double Value, CutOffSide ClinicalSide, string Label);

/// <param name="VerdictAvailable">False for an instrument with no sourced basis for a verdict (CSI): the raw change only.</param>
/// <param name="Trend">The one trend (<see cref="ScoreTrend"/>): the same word the assessment list, the caseload and the plan's goals use.</param>
public sealed record MeasureChangeDto(double Change, ReliableChangeMethod Method, bool VerdictAvailable, bool Reliable,
    ChangeDirection Direction, string Reading, ScoreTrendDirection Trend);

/// <param name="Clinical">On the clinical side of the cut-off (CSI below 13.5, PHQ-9 10 or more); null without a cut-off.</param>
public sealed record MeasurePointDto(Guid AssessmentId, Guid PartnerId, DateOnly AdministeredOn, AssessmentSource Source,
    double Score, string? Band, bool? Clinical, MeasureChangeDto? Change);

/// <summary>
/// One instrument's score over time for both partners, with what the chart draws around it: the
/// cut-off line and band (satisfaction) or the severity bands, and the reliable-change rule in words.
/// </summary>
public sealed record MeasureSeriesDto(string Instrument, string Title, string Subscale, string Label, bool LowerIsBetter,
    double Min, double Max, MeasureCutOffDto? CutOff, IReadOnlyList<MeasureBandDto> Bands, ReliableChangeMethod Rule,
    string RuleNote, IReadOnlyList<MeasurePointDto> Points);

/// <summary>The couple dashboard's measures: every instrument but the attachment plane's, one series per subscale.</summary>
internal static class MeasureSeries
{
    public static List<MeasureSeriesDto> Build(IEnumerable<CoupleDashboardQueries.AssessmentRow> assessments, InstrumentCatalogue instruments)
    {
        var series = new List<MeasureSeriesDto>();
        foreach (var byInstrument in assessments.GroupBy(a => a.InstrumentCode))
        {
            var latest = byInstrument.MaxBy(a => a.InstrumentVersion)!;
            if (instruments.Find(latest.InstrumentCode, latest.InstrumentVersion) is not { } definition || definition.Quadrant is not null)
                continue;
            foreach (var subscale in definition.Subscales)
            {
                var points = new List<MeasurePointDto>();
                // Rows come in Assessment.Chronological order (the query's ORDER BY): each point's change is from the one before.
                foreach (var partner in byInstrument.GroupBy(a => a.PartnerId))
                {
                    CoupleDashboardQueries.AssessmentRow? previous = null;
                    foreach (var a in partner)
                    {
                        if (!a.Scores.TryGetValue(subscale.Code, out var score)) continue;
                        // Judged and placed against the cut-off by the version this assessment was scored with, not the newest.
                        var scoredWith = instruments.Find(a.InstrumentCode, a.InstrumentVersion)?.Subscales
                            .FirstOrDefault(s => s.Code == subscale.Code) ?? subscale;
                        var change = previous is not null && previous.Scores.TryGetValue(subscale.Code, out var before)
                            ? ReliableChange.Judge(before, score, scoredWith)
                            : null;
                        points.Add(new MeasurePointDto(a.Id, a.PartnerId, a.AdministeredOn, a.Source, score, a.Band,
                            scoredWith.CutOff?.IsClinical(score),
                            change is null ? null : new MeasureChangeDto(change.Change, change.Method, change.VerdictAvailable,
                                change.IsReliable, change.Direction, change.Reading, ScoreTrend.From(change).Direction)));
                        previous = a;
                    }
                }
                series.Add(new MeasureSeriesDto(definition.Code, definition.Title, subscale.Code, subscale.Label, subscale.LowerIsBetter,
                    subscale.Range?.Min ?? 0, subscale.Range?.Max ?? 0,
                    subscale.CutOff is { } cut ? new MeasureCutOffDto(cut.Value, cut.ClinicalSide, cut.Label) : null,
                    (subscale.Bands ?? []).Select(b => new MeasureBandDto(b.Code, b.Label, b.Min, b.Max)).ToList(),
                    subscale.ReliableChange.Method, RuleNote(subscale),
                    points.OrderBy(p => p.AdministeredOn).ToList()));
            }
        }
        // Satisfaction (a cut-off below which is the concern) first, then the symptom measures.
        return series.OrderBy(s => s.CutOff?.ClinicalSide == CutOffSide.Below ? 0 : 1).ThenBy(s => s.Instrument, StringComparer.Ordinal).ToList();
    }

    /// <summary>The reliable-change rule as the screen states it beside the chart.</summary>
    public static string RuleNote(SubscaleDefinition subscale)
    {
        var rule = subscale.ReliableChange;
        return rule.Method switch
        {
            ReliableChangeMethod.FixedThreshold => string.Create(CultureInfo.InvariantCulture,
                $"A change of {rule.Threshold!.Points:0.##} or more points is reliable (a published threshold); smaller moves are noise."),
            ReliableChangeMethod.Rci => "A change is reliable when |RCI| > 1.96." + (rule.FullySourced
                ? ""
                : " The reliable-change parameters are not yet fully sourced, so verdicts are provisional."),
            _ => $"No reliable-change verdict: {rule.NoVerdictReason} The chart shows the raw scores only.",
        };
    }
}
