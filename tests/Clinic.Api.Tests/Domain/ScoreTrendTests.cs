using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.TreatmentPlans;

namespace Clinic.Api.Tests.Domain;

/// <summary>The one "trend" of a score: the latest against the one before, by the instrument's own rule, never throwing.</summary>
public sealed class ScoreTrendTests
{
    private static SubscaleDefinition Total(string file) =>
        CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", file)).Subscale("total");

    private static SubscaleDefinition Rule(ReliableChangeParameters rule, bool lowerIsBetter = true) =>
        new("total", "Depression", "", lowerIsBetter, rule);

    [Theory]
    // PHQ-9's published threshold: 6 points or more, lower is better.
    [InlineData("phq-9.json", 8, 14, ScoreTrendDirection.Worsening)]
    [InlineData("phq-9.json", 14, 8, ScoreTrendDirection.Improving)]
    [InlineData("phq-9.json", 8, 13, ScoreTrendDirection.Steady)]
    [InlineData("phq-9.json", 8, 8, ScoreTrendDirection.Steady)]
    // GAD-7: 4 points.
    [InlineData("gad-7.json", 5, 9, ScoreTrendDirection.Worsening)]
    // CSI-4 has no sourced basis for a verdict: an 8-point move is no trend at all, not "improving".
    [InlineData("csi-4.json", 10, 18, ScoreTrendDirection.Unknown)]
    public void Of_JudgesByTheInstrumentsOwnRule(string file, double before, double after, ScoreTrendDirection expected)
    {
        var trend = ScoreTrend.Of(before, after, Total(file));

        trend.Direction.Should().Be(expected);
        trend.Verdict.Should().NotBeNull().And.Be(ReliableChange.Judge(before, after, Total(file)));
    }

    [Fact]
    public void Of_ByAnRci_IsReliableOnlyBeyond196()
    {
        var ecr = CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "ecr-rs.json")).Subscale("anxiety");

        ScoreTrend.Of(3.0, 5.0, ecr).Direction.Should().Be(ScoreTrendDirection.Worsening, "RCI 2.39 on a lower-is-better score");
        ScoreTrend.Of(3.0, 3.5, ecr).Direction.Should().Be(ScoreTrendDirection.Steady);
    }

    [Fact]
    public void WithoutAPreviousScoreOrARule_IsUnknown_AndNothingThrows()
    {
        ScoreTrend.Of(null, 14, Total("phq-9.json")).Should().Be(ScoreTrend.Unknown);
        ScoreTrend.Of(8, 14, null).Should().Be(ScoreTrend.Unknown);
        // A fixed-threshold rule has no SD or r: the one entry point never reaches for them.
        var act = () => ScoreTrend.Of(8, 14, Rule(new ReliableChangeParameters(Threshold: new FixedThreshold(6, "test"))));
        act.Should().NotThrow().Which.Direction.Should().Be(ScoreTrendDirection.Worsening);
        // An RCI rule built by hand with an impossible SD or r is no verdict, not an exception.
        foreach (var (sd, r) in new[] { (0.0, 0.8), (1.0, 1.0), (1.0, -0.2) })
        {
            var broken = Rule(new ReliableChangeParameters(Sd: new SourcedValue(sd, true), Reliability: new SourcedValue(r, true)));
            var judge = () => ScoreTrend.Of(8, 14, broken);
            judge.Should().NotThrow().Which.Direction.Should().Be(ScoreTrendDirection.Unknown);
        }
    }

    [Fact]
    public void Latest_IsTheLastTwoScoresInOrder_JudgedByTheLatersVersion()
    {
        var points = new[] { (Score: (double?)12, Version: 1), (Score: (double?)null, Version: 1), (Score: (double?)8, Version: 2) };
        SubscaleDefinition RuleOf(int version) => Rule(new ReliableChangeParameters(Threshold: new FixedThreshold(version == 2 ? 3 : 6, "test")));

        ScoreTrend.Latest(points, p => p.Score, p => RuleOf(p.Version)).Direction
            .Should().Be(ScoreTrendDirection.Improving, "12 → 8 by version 2's 3-point rule; the entry without this score is skipped");
        ScoreTrend.Latest(points.Take(1), p => p.Score, p => RuleOf(p.Version)).Should().Be(ScoreTrend.Unknown);
    }

    [Fact]
    public void TheGoal_TheCaseload_AndTheTrendItself_AgreeOnOnePair()
    {
        var phq = CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "phq-9.json"));
        var csi = CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "csi-4.json"));
        var day = new DateOnly(2026, 11, 2);
        GoalProgress Goal(string instrument, InstrumentDefinition definition, MeasureComparison comparison, double before, double after) =>
            GoalEvaluator.Evaluate(new GoalMeasure(MeasureKind.Instrument, instrument, "total", MeasurePartner.PartnerA, comparison, 9),
                new GoalEvidence
                {
                    Today = day.AddDays(30), Subscale = (_, _, code) => definition.Subscale(code),
                    Scores =
                    [
                        new ScoreFact(instrument, PartnerLabel.PartnerA, day, new Dictionary<string, double> { ["total"] = before }),
                        new ScoreFact(instrument, PartnerLabel.PartnerA, day.AddDays(14), new Dictionary<string, double> { ["total"] = after }),
                    ],
                });
        MeasureSignalSet Caseload(InstrumentDefinition definition, double before, double after) => MeasureSignals.Evaluate(
            [new PartnerMeasure(Guid.NewGuid(), "Alex", definition, new Dictionary<string, double> { ["total"] = after },
                new Dictionary<string, double> { ["total"] = before })]);

        ScoreTrend.Of(8, 14, phq.Subscale("total")).Direction.Should().Be(ScoreTrendDirection.Worsening);
        Goal("PHQ-9", phq, MeasureComparison.AtMost, 8, 14).Trend.Should().Be(GoalTrend.Worsening);
        Caseload(phq, 8, 14).Deteriorations.Should().ContainSingle();
        ScoreTrend.Of(8, 13, phq.Subscale("total")).Direction.Should().Be(ScoreTrendDirection.Steady);
        Goal("PHQ-9", phq, MeasureComparison.AtMost, 8, 13).Trend.Should().Be(GoalTrend.Steady);
        Caseload(phq, 8, 13).Deteriorations.Should().BeEmpty();
        // No verdict for the CSI: the goal shows no trend either (it used to read the raw rise as "improving").
        Goal("CSI-4", csi, MeasureComparison.AtLeast, 10, 18).Trend.Should().BeNull();
        Caseload(csi, 18, 10).Deteriorations.Should().BeEmpty();
    }
}
