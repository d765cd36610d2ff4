using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.TreatmentPlans;

namespace Clinic.Api.Tests.Domain;

/// <summary>The goal evaluator against the dashboards' own rules, with hand-computed values.</summary>
public sealed class GoalEvaluatorTests
{
    private static readonly DateOnly Today = new(2026, 12, 9); // a Wednesday
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private static SessionFact Session(string on, int stage, int a, int b) => new(DateOnly.Parse(on), stage,
        CycleTrend.SessionMean([a, b]), new Dictionary<PartnerLabel, int> { [PartnerLabel.PartnerA] = a, [PartnerLabel.PartnerB] = b });

    private static GoalEvidence Evidence(params SessionFact[] sessions) => new()
    {
        Today = Today, Sessions = sessions, Partners = new Dictionary<Guid, PartnerLabel> { [A] = PartnerLabel.PartnerA, [B] = PartnerLabel.PartnerB },
    };

    [Fact]
    public void Cycle_TrendIsCycleTrendClassify_ReadAgainstTheTarget()
    {
        var sessions = new[] { Session("2026-11-02", 1, 4, 4), Session("2026-11-09", 1, 5, 5), Session("2026-11-16", 1, 6, 6) };
        var atMost = GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Cycle, null, null, MeasurePartner.Both, MeasureComparison.AtMost, 3),
            Evidence(sessions));

        CycleTrend.Classify(sessions.Select(s => s.MeanIntensity!.Value).ToList()).Should().Be(CycleTrendDirection.Rising);
        atMost.Trend.Should().Be(GoalTrend.Worsening);
        atMost.Value.Should().Be(5);
        atMost.Distance.Should().Be(2);
        atMost.Achieved.Should().BeFalse();
    }

    [Fact]
    public void Cycle_AFlatPathUnderHalfAPointIsSteady_AndASessionInTheFutureDoesNotCount()
    {
        var progress = GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Cycle, null, null, MeasurePartner.Both, MeasureComparison.AtMost, 3),
            Evidence(Session("2026-11-02", 1, 3, 3), Session("2026-11-09", 1, 3, 3), Session("2026-11-16", 1, 4, 3),
                Session("2026-12-20", 1, 9, 9)));

        progress.Trend.Should().Be(GoalTrend.Steady);
        progress.Value.Should().Be(3.17);
        progress.EvidenceOn.Should().Be(new DateOnly(2026, 11, 16));
    }

    [Fact]
    public void Instrument_TrendFollowsTheReliableChangeVerdict_NotTheRawMove()
    {
        var subscale = new SubscaleDefinition("total", "Depression", "", true,
            new ReliableChangeParameters(Threshold: new FixedThreshold(6, "test")));
        var scores = new[]
        {
            new ScoreFact("PHQ-9", PartnerLabel.PartnerA, new DateOnly(2026, 11, 2), new Dictionary<string, double> { ["total"] = 12 }),
            new ScoreFact("PHQ-9", PartnerLabel.PartnerA, new DateOnly(2026, 11, 16), new Dictionary<string, double> { ["total"] = 9 }),
        };
        var evidence = Evidence() with { Scores = scores, Subscale = (_, _, _) => subscale };

        var progress = GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Instrument, "PHQ-9", "total", MeasurePartner.PartnerA,
            MeasureComparison.AtMost, 9), evidence);

        ReliableChange.Judge(12, 9, subscale).IsReliable.Should().BeFalse();
        progress.Trend.Should().Be(GoalTrend.Steady);
        progress.Achieved.Should().BeTrue();
        progress.Reading.Should().Be("Target reached on 16 Nov 2026.");
    }

    [Fact]
    public void Homework_IsAdherenceCombined_OverTheLastFourWeeks()
    {
        var thisWeek = Adherence.WeekStart(Today);
        var entries = new[] { thisWeek.AddDays(-7), thisWeek.AddDays(-6), thisWeek.AddDays(-5), thisWeek }
            .Select((d, i) => new EntryFact(Guid.NewGuid(), Guid.Empty, A, d, EntryRole.Needing)).ToList();
        var weeks = Enumerable.Range(0, 4).Select(i => thisWeek.AddDays(-7 * (3 - i))).ToList();
        var periods = Adherence.Weekly(3, entries, weeks, [A], thisWeek.AddDays(-7), Today);
        var evidence = Evidence() with { HomeworkWeeks = periods };

        var progress = GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Homework, null, null, MeasurePartner.PartnerA,
            MeasureComparison.AtLeast, 60), evidence);

        // Last week 3 of 3; this week (Mon–Wed) 1 of 3 × 3/7 = 9/7: (3 + 1) / (3 + 9/7) = 0.9333. No trend: nothing was
        // due in the two weeks before.
        progress.Value.Should().Be(Math.Round(100 * Adherence.Combined(periods)!.Value, 2)).And.Be(93.33);
        progress.Achieved.Should().BeTrue();
        progress.Trend.Should().BeNull();
    }

    [Fact]
    public void Stage_WithNoSessions_IsNoEvidenceYet()
    {
        var progress = GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Stage, null, null, MeasurePartner.Both, MeasureComparison.AtLeast, 2),
            Evidence());

        progress.Achieved.Should().BeNull();
        progress.Reading.Should().Be(GoalEvaluator.NoEvidence);
    }
    [Fact]
    public void Instrument_LatestAndTrend_FollowTheOneOrder_AndTheLatestScoresVersion()
    {
        // Two on one day: the one entered later is the latest. Version 2's rule (3 points) judges its move; version 1's (6) would not.
        SubscaleDefinition Rule(double points) => new("total", "Depression", "", true,
            new ReliableChangeParameters(Threshold: new FixedThreshold(points, "test")));
        var day = new DateOnly(2026, 11, 16);
        var scores = new[]
        {
            new ScoreFact("PHQ-9", PartnerLabel.PartnerA, new DateOnly(2026, 11, 2), new Dictionary<string, double> { ["total"] = 12 }, 1),
            new ScoreFact("PHQ-9", PartnerLabel.PartnerA, day, new Dictionary<string, double> { ["total"] = 8 }, 2,
                new DateTimeOffset(2026, 11, 16, 15, 0, 0, TimeSpan.Zero)),
            new ScoreFact("PHQ-9", PartnerLabel.PartnerA, day, new Dictionary<string, double> { ["total"] = 11 }, 1,
                new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero)),
        };
        var evidence = Evidence() with { Scores = scores, Subscale = (_, version, _) => Rule(version == 2 ? 3 : 6) };

        var progress = GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Instrument, "PHQ-9", "total", MeasurePartner.PartnerA,
            MeasureComparison.AtMost, 9), evidence);

        progress.Value.Should().Be(8, "the later entry of the day is the latest");
        progress.Trend.Should().Be(GoalTrend.Improving, "11 → 8 is reliable by version 2's 3-point rule");
    }
}
