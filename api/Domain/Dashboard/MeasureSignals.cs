using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Domain.Dashboard;

/// <summary>One partner's two latest administrations of one instrument (the previous may be missing).</summary>
public sealed record PartnerMeasure(Guid PartnerId, string PartnerName, InstrumentDefinition Instrument,
    IReadOnlyDictionary<string, double> Latest, IReadOnlyDictionary<string, double>? Previous);

public sealed record MeasureSignalSet(
    IReadOnlyList<DeteriorationAlertInput> Deteriorations,
    IReadOnlyList<DivergenceAlertInput> Divergences,
    IReadOnlyList<BelowCutOffAlertInput> BothBelowCutOff);

/// <summary>
/// What a couple's latest measures say for the caseload (DESIGN §5, §11): a reliable deterioration
/// on any instrument, by that instrument's own rule; partners diverging (one reliably better while
/// the other is reliably worse on the same score); both partners below a satisfaction cut-off.
/// An instrument without a verdict (CSI) can never show reliable change, only its cut-off. Each partner's trend is
/// <see cref="ScoreTrend.Of"/>, the one the other screens show.
/// </summary>
public static class MeasureSignals
{
    public static MeasureSignalSet Evaluate(IEnumerable<PartnerMeasure> measures)
    {
        var all = measures.ToList();
        var deteriorations = new List<DeteriorationAlertInput>();
        var divergences = new List<DivergenceAlertInput>();
        var below = new List<BelowCutOffAlertInput>();
        foreach (var instrument in all.GroupBy(m => m.Instrument.Code))
        {
            var partners = instrument.ToList();
            var definition = partners[0].Instrument;
            foreach (var subscale in definition.Subscales)
            {
                var construct = subscale.Label.ToLowerInvariant();
                // The one trend (ScoreTrend): each partner's two latest scores, by the rule of the version the latest was scored
                // with; no verdict is no trend.
                var verdicts = partners.Where(p => p.Latest.ContainsKey(subscale.Code))
                    .Select(p => (Partner: p, Trend: ScoreTrend.Of(Before(p, subscale.Code), p.Latest[subscale.Code],
                        p.Instrument.Subscales.FirstOrDefault(s => s.Code == subscale.Code))))
                    .Where(v => v.Trend.Direction is ScoreTrendDirection.Improving or ScoreTrendDirection.Worsening)
                    .Select(v => (v.Partner, v.Trend.Direction, Verdict: v.Trend.Verdict!))
                    .ToList();
                deteriorations.AddRange(verdicts.Where(v => v.Direction == ScoreTrendDirection.Worsening)
                    .Select(v => new DeteriorationAlertInput(v.Partner.PartnerName, construct, v.Verdict.Rci, v.Verdict.Change, definition.Code)));
                var better = verdicts.FirstOrDefault(v => v.Direction == ScoreTrendDirection.Improving);
                var worse = verdicts.FirstOrDefault(v => v.Direction == ScoreTrendDirection.Worsening);
                if (better.Partner is not null && worse.Partner is not null)
                    divergences.Add(new DivergenceAlertInput(definition.Code, construct, better.Partner.PartnerName, worse.Partner.PartnerName));

                if (subscale.CutOff is { ClinicalSide: CutOffSide.Below } cut)
                {
                    var latest = partners.Where(p => p.Latest.ContainsKey(subscale.Code)).ToList();
                    if (latest.Count >= 2 && latest.All(p => cut.IsClinical(p.Latest[subscale.Code])))
                        below.Add(new BelowCutOffAlertInput(definition.Code, cut.Value,
                            latest.Select(p => new PartnerScore(p.PartnerName, p.Latest[subscale.Code])).ToList()));
                }
            }
        }
        return new MeasureSignalSet(deteriorations, divergences, below);
    }

    private static double? Before(PartnerMeasure p, string subscale) =>
        p.Previous is { } previous && previous.TryGetValue(subscale, out var score) ? score : null;
}
