using System.Globalization;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Domain.TreatmentPlans;

/// <summary>One administration's scores for one partner.</summary>
/// <param name="Version">The instrument version it was scored with: its change is judged by that version's rule.</param>
/// <param name="CreatedAt">Entry time, the second key of <see cref="Assessment.Chronological{T}"/> (two on one day).</param>
public sealed record ScoreFact(string Instrument, PartnerLabel Partner, DateOnly On, IReadOnlyDictionary<string, double> Scores,
    int Version = 1, DateTimeOffset CreatedAt = default);

/// <summary>
/// One session up to today: its stage, its mean partner intensity (<see cref="CycleTrend.SessionMean"/>, as stored on
/// the session) and each partner's own intensity where rated.
/// </summary>
public sealed record SessionFact(DateOnly On, int EftStage, double? MeanIntensity, IReadOnlyDictionary<PartnerLabel, int> Intensities);

/// <summary>
/// The record a goal is measured against, in the shapes the dashboards already compute: scores per administration,
/// sessions in date order, and weekly homework adherence periods (<see cref="Adherence.Weekly"/>) per partner.
/// </summary>
public sealed record GoalEvidence
{
    public required DateOnly Today { get; init; }
    public IReadOnlyList<ScoreFact> Scores { get; init; } = [];
    /// <summary>The subscale definition for an instrument code, the version a score was scored with and a subscale code; null when unknown.</summary>
    public Func<string, int, string, SubscaleDefinition?> Subscale { get; init; } = (_, _, _) => null;
    public IReadOnlyList<SessionFact> Sessions { get; init; } = [];
    /// <summary>Weekly periods (Monday starts) for the weeks up to today, one per assignment, partner and week.</summary>
    public IReadOnlyList<AdherencePeriod> HomeworkWeeks { get; init; } = [];
    public IReadOnlyDictionary<Guid, PartnerLabel> Partners { get; init; } = new Dictionary<Guid, PartnerLabel>();
}

public sealed record PartnerProgress(PartnerLabel Partner, double? Value, bool? Achieved, GoalTrend? Trend, DateOnly? EvidenceOn,
    double? Distance);

/// <summary>A point of the goal's history, for the sparkline (<c>Partner</c> set when the measure is per partner).</summary>
public sealed record ProgressPoint(DateOnly On, double Value, PartnerLabel? Partner);

/// <summary>
/// Where a goal stands. <c>Achieved</c> is null with "no evidence yet"; for a per-partner measure the partners carry
/// the values and the goal is achieved when every partner it names is.
/// </summary>
public sealed record GoalProgress(double? Value, double Target, MeasureComparison Comparison, bool? Achieved, GoalTrend? Trend,
    DateOnly? EvidenceOn, double? Distance, IReadOnlyList<PartnerProgress> Partners, IReadOnlyList<ProgressPoint> History, string Reading);

/// <summary>
/// A goal's measure against the record, by the rules the dashboards use (DESIGN §14: one definition). Instruments:
/// the latest score, and its <see cref="ScoreTrend"/> read against the target (none where the instrument has no
/// reliable-change verdict, as on every other screen). The cycle: the mean of the last <see cref="CycleTrend.Sessions"/> rated sessions'
/// intensities and <see cref="CycleTrend.Classify"/>. The stage: the highest stage a session reached. Homework:
/// <see cref="Adherence.Combined"/> over the last <see cref="HomeworkWeeks"/> weeks, its trend the last two weeks
/// against the two before (a move of <see cref="HomeworkSteadyBand"/> or less reads as steady).
/// </summary>
public static class GoalEvaluator
{
    public const int HomeworkWeeks = 4;
    public const double HomeworkSteadyBand = 0.10;
    public const string NoEvidence = "No evidence yet.";

    public static GoalProgress Evaluate(GoalMeasure measure, GoalEvidence evidence) => measure.Kind switch
    {
        MeasureKind.Instrument => Instrument(measure, evidence),
        MeasureKind.Cycle => Cycle(measure, evidence),
        MeasureKind.Stage => Stage(measure, evidence),
        MeasureKind.Homework => Homework(measure, evidence),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), $"Unknown measure kind {measure.Kind}."),
    };

    private static IReadOnlyList<PartnerLabel> PartnersOf(MeasurePartner partner) => partner switch
    {
        MeasurePartner.PartnerA => [PartnerLabel.PartnerA],
        MeasurePartner.PartnerB => [PartnerLabel.PartnerB],
        _ => [PartnerLabel.PartnerA, PartnerLabel.PartnerB],
    };

    private static GoalProgress Instrument(GoalMeasure m, GoalEvidence e)
    {
        var partners = new List<PartnerProgress>();
        var history = new List<ProgressPoint>();
        foreach (var label in PartnersOf(m.Partner))
        {
            var points = e.Scores.Where(s => s.Partner == label && s.On <= e.Today
                    && string.Equals(s.Instrument, m.Instrument, StringComparison.OrdinalIgnoreCase) && s.Scores.ContainsKey(m.Subscale ?? ""))
                .ToList();
            // Latest and previous in the one order every screen uses (date, then entry time).
            points = Assessment.Chronological(points, s => s.On, s => s.CreatedAt).ToList();
            history.AddRange(points.Select(p => new ProgressPoint(p.On, Round(p.Scores[m.Subscale!]), label)));
            if (points.Count == 0)
            {
                partners.Add(new PartnerProgress(label, null, null, null, null, null));
                continue;
            }
            var on = points[^1].On;
            var latest = points[^1].Scores[m.Subscale!];
            // The one trend (ScoreTrend): the latest against the previous, by the rule of the version the latest was
            // scored with — the trend the assessment list, the measures chart and the caseload show for this partner.
            var trend = m.TrendOf(ScoreTrend.Latest(points, p => p.Scores[m.Subscale!],
                p => e.Subscale(p.Instrument, p.Version, m.Subscale!)));
            partners.Add(new PartnerProgress(label, Round(latest), m.Meets(latest), trend, on, m.Distance(latest)));
        }
        bool? achieved = partners.Any(p => p.Achieved is null) ? null : partners.All(p => p.Achieved == true);
        var trends = partners.Where(p => p.Trend is not null).Select(p => p.Trend!.Value).ToList();
        GoalTrend? overall = trends.Count == 0 ? null
            : trends.Contains(GoalTrend.Worsening) ? GoalTrend.Worsening
            : trends.Contains(GoalTrend.Improving) ? GoalTrend.Improving : GoalTrend.Steady;
        var evidenceOn = partners.Max(p => p.EvidenceOn);
        var single = partners.Count == 1 ? partners[0] : null;
        return new GoalProgress(single?.Value, m.Target, m.Comparison, achieved, overall, achieved is null ? null : evidenceOn,
            single?.Distance ?? (achieved is null ? null : partners.Max(p => p.Distance)), partners, history,
            Reading(achieved, evidenceOn, partners.Count > 1 && achieved is null && partners.Any(p => p.Value is not null)
                ? "Waiting for " + string.Join(" and ", partners.Where(p => p.Value is null).Select(p => Word(p.Partner))) + "'s answers."
                : null));
    }

    private static GoalProgress Cycle(GoalMeasure m, GoalEvidence e)
    {
        var rated = e.Sessions.Where(s => s.On <= e.Today).Select(s => (s.On, Value: m.Partner switch
            {
                MeasurePartner.PartnerA => s.Intensities.TryGetValue(PartnerLabel.PartnerA, out var a) ? a : (double?)null,
                MeasurePartner.PartnerB => s.Intensities.TryGetValue(PartnerLabel.PartnerB, out var b) ? b : (double?)null,
                _ => s.MeanIntensity,
            })).Where(s => s.Value is not null).Select(s => (s.On, Value: s.Value!.Value)).ToList();
        var history = rated.Select(s => new ProgressPoint(s.On, Round(s.Value), null)).ToList();
        if (rated.Count < CycleTrend.Sessions)
            return Empty(m, history, $"{NoEvidence[..^1]}: the cycle needs {CycleTrend.Sessions} sessions with a rating.");
        var last = rated.TakeLast(CycleTrend.Sessions).ToList();
        var value = last.Average(s => s.Value);
        var direction = CycleTrend.Classify(rated.Select(s => s.Value).ToList());
        GoalTrend? trend = direction switch
        {
            CycleTrendDirection.Rising => m.TrendOf(1),
            CycleTrendDirection.Falling => m.TrendOf(-1),
            CycleTrendDirection.Flat => GoalTrend.Steady,
            _ => null,
        };
        return Single(m, value, trend, last[^1].On, history);
    }

    private static GoalProgress Stage(GoalMeasure m, GoalEvidence e)
    {
        var held = e.Sessions.Where(s => s.On <= e.Today).ToList();
        var history = held.Select(s => new ProgressPoint(s.On, s.EftStage, null)).ToList();
        if (held.Count == 0) return Empty(m, history, NoEvidence);
        var reached = held.Max(s => s.EftStage);
        // The day the target was first reached, or (not reached) the latest session.
        var on = m.Meets(reached) ? held.First(s => m.Meets(s.EftStage)).On : held[^1].On;
        return Single(m, reached, null, on, history);
    }

    private static GoalProgress Homework(GoalMeasure m, GoalEvidence e)
    {
        var thisWeek = Adherence.WeekStart(e.Today);
        var labels = PartnersOf(m.Partner);
        var periods = e.HomeworkWeeks.Where(p => e.Partners.TryGetValue(p.PartnerId, out var label) && labels.Contains(label)
            && p.From <= e.Today).ToList();
        var weeks = Enumerable.Range(0, HomeworkWeeks).Select(i => thisWeek.AddDays(-7 * (HomeworkWeeks - 1 - i))).ToList();
        var history = periods.GroupBy(p => p.From).OrderBy(g => g.Key)
            .Select(g => Adherence.Combined(g) is { } r ? new ProgressPoint(g.Key, Round(100 * r), null) : null)
            .OfType<ProgressPoint>().ToList();
        var window = periods.Where(p => p.From >= weeks[0]).ToList();
        if (Adherence.Combined(window) is not { } ratio) return Empty(m, history, $"{NoEvidence[..^1]}: no homework was due in the last {HomeworkWeeks} weeks.");
        var earlier = Adherence.Combined(window.Where(p => p.From < weeks[2]));
        var later = Adherence.Combined(window.Where(p => p.From >= weeks[2]));
        GoalTrend? trend = earlier is { } a && later is { } b
            ? Math.Abs(b - a) <= HomeworkSteadyBand ? GoalTrend.Steady : m.TrendOf(b - a)
            : null;
        return Single(m, 100 * ratio, trend, e.Today, history);
    }

    private static GoalProgress Single(GoalMeasure m, double value, GoalTrend? trend, DateOnly on, IReadOnlyList<ProgressPoint> history)
    {
        var achieved = m.Meets(value);
        return new GoalProgress(Round(value), m.Target, m.Comparison, achieved, trend, on, m.Distance(value), [], history,
            Reading(achieved, on, null));
    }

    private static GoalProgress Empty(GoalMeasure m, IReadOnlyList<ProgressPoint> history, string reading) =>
        new(null, m.Target, m.Comparison, null, null, null, null, [], history, reading);

    private static string Reading(bool? achieved, DateOnly? on, string? waiting) => achieved switch
    {
        null => waiting ?? NoEvidence,
        true => $"Target reached on {Practice.ReadableDates.Day(on!.Value)}.",
        false => $"Not reached yet (evidence of {Practice.ReadableDates.Day(on!.Value)}).",
    };

    private static string Word(PartnerLabel label) => label == PartnerLabel.PartnerA ? "partner A" : "partner B";

    private static double Round(double value) => Math.Round(value, 2);
}
