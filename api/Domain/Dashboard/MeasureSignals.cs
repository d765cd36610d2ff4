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
        // Plain loops: the caseload runs this for every couple on every read.
        var all = measures as IReadOnlyList<PartnerMeasure> ?? measures.ToList();
        var deteriorations = new List<DeteriorationAlertInput>();
        var divergences = new List<DivergenceAlertInput>();
        var below = new List<BelowCutOffAlertInput>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            var definition = all[i].Instrument;
            if (!done.Add(definition.Code)) continue;
            foreach (var subscale in definition.Subscales)
            {
                PartnerMeasure? better = null, worse = null;
                var scored = 0;
                var allClinical = true;
                for (var k = i; k < all.Count; k++)
                {
                    var p = all[k];
                    if (p.Instrument.Code != definition.Code || !p.Latest.TryGetValue(subscale.Code, out var latest)) continue;
                    scored++;
                    if (subscale.CutOff is { } c && !c.IsClinical(latest)) allClinical = false;
                    // The one trend (ScoreTrend): each partner's two latest scores, by the rule of the version the latest was
                    // scored with; no verdict is no trend.
                    var (direction, judgement) = ScoreTrend.Judged(Before(p, subscale.Code), latest, SubscaleOf(p.Instrument, subscale.Code));
                    if (direction == ScoreTrendDirection.Worsening)
                    {
                        deteriorations.Add(new DeteriorationAlertInput(p.PartnerName, subscale.Construct, judgement!.Value.Rci, judgement.Value.Change,
                            definition.Code));
                        worse ??= p;
                    }
                    else if (direction == ScoreTrendDirection.Improving) better ??= p;
                }
                if (better is not null && worse is not null)
                    divergences.Add(new DivergenceAlertInput(definition.Code, subscale.Construct, better.PartnerName, worse.PartnerName));

                if (subscale.CutOff is { ClinicalSide: CutOffSide.Below } cut && scored >= 2 && allClinical)
                {
                    var scores = new List<PartnerScore>(scored);
                    for (var k = i; k < all.Count; k++)
                        if (all[k].Instrument.Code == definition.Code && all[k].Latest.TryGetValue(subscale.Code, out var latest))
                            scores.Add(new PartnerScore(all[k].PartnerName, latest));
                    below.Add(new BelowCutOffAlertInput(definition.Code, cut.Value, scores));
                }
            }
        }
        return new MeasureSignalSet(deteriorations, divergences, below);
    }

    private static SubscaleDefinition? SubscaleOf(InstrumentDefinition instrument, string code)
    {
        foreach (var s in instrument.Subscales)
            if (s.Code == code) return s;
        return null;
    }

    private static double? Before(PartnerMeasure p, string subscale) =>
        p.Previous is { } previous && previous.TryGetValue(subscale, out var score) ? score : null;
}
