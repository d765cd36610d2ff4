using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

/// <summary>Reliable change judged by each instrument's own rule: a fixed threshold, an RCI, or no verdict and why.</summary>
public sealed class ChangeVerdictTests
{
    private static SubscaleDefinition Total(string file) =>
        CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", file)).Subscale("total");

    [Theory]
    // PHQ-9: a change of 6 or more points is reliable (NHS Talking Therapies); lower is better.
    [InlineData("phq-9.json", 8, 13, false, "none")]
    [InlineData("phq-9.json", 8, 14, true, "deteriorated")]
    [InlineData("phq-9.json", 14, 8, true, "improved")]
    [InlineData("phq-9.json", 20, 15, false, "none")]
    // GAD-7: 4 or more points.
    [InlineData("gad-7.json", 5, 8, false, "none")]
    [InlineData("gad-7.json", 5, 9, true, "deteriorated")]
    [InlineData("gad-7.json", 12, 8, true, "improved")]
    public void FixedThreshold_ReliableAtThePublishedPoints(string file, double before, double after, bool reliable, string direction)
    {
        var verdict = ReliableChange.Judge(before, after, Total(file));

        verdict.Method.Should().Be(ReliableChangeMethod.FixedThreshold);
        verdict.VerdictAvailable.Should().BeTrue();
        verdict.IsReliable.Should().Be(reliable);
        verdict.Direction.ToString().ToLowerInvariant().Should().Be(direction);
        verdict.Rci.Should().BeNull("a published threshold is not an RCI");
        verdict.ProvisionalParameters.Should().BeFalse();
    }

    [Fact]
    public void FixedThreshold_ReadingGivesThePointsAndTheRule()
    {
        ReliableChange.Judge(8, 14, Total("phq-9.json")).Reading
            .Should().Be("This is a reliable increase in depression severity (+6 points; 6 or more is reliable).");
        ReliableChange.Judge(8, 13, Total("phq-9.json")).Reading
            .Should().Be("A change of +5 points is within measurement noise (6 or more is reliable).");
    }

    [Fact]
    public void Csi_GivesNoVerdict_ButTheRawChangeAndWhy()
    {
        var verdict = ReliableChange.Judge(10, 18, Total("csi-4.json"));

        verdict.Method.Should().Be(ReliableChangeMethod.None);
        verdict.VerdictAvailable.Should().BeFalse();
        verdict.IsReliable.Should().BeFalse();
        verdict.Direction.Should().Be(ChangeDirection.None);
        verdict.Change.Should().Be(8);
        verdict.Reading.Should().StartWith("No reliable-change verdict: no sourced reference SD for the CSI is configured")
            .And.EndWith("Raw change: +8.");
    }

    [Fact]
    public void EcrRs_KeepsItsRci_MarkedProvisional()
    {
        var ecr = CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "ecr-rs.json"));

        var verdict = ReliableChange.Judge(3.0, 5.0, ecr.Subscale("anxiety"));

        verdict.Method.Should().Be(ReliableChangeMethod.Rci);
        verdict.Rci.Should().BeApproximately(2.390457, 1e-6);
        verdict.IsReliable.Should().BeTrue();
        verdict.ProvisionalParameters.Should().BeTrue("the ECR-RS SD is still marked unsourced");
        verdict.Reading.Should().Contain("provisional");
    }
    public static TheoryData<string, double, double> AssessCases() => new()
    {
        { "phq-9", 8, 14 }, { "phq-9", 14, 8 }, { "phq-9", 8, 10 },
        { "rci", 3.1, 4.9 }, { "rci", 4.9, 3.1 }, { "rci", 3.0, 3.2 },
        { "rci-out-of-range", 2, 5 }, { "none", 10, 14 },
    };

    /// <summary>The caseload judges every score with Assess (no sentence); it must be Judge to the last field.</summary>
    [Theory]
    [MemberData(nameof(AssessCases))]
    public void Assess_IsJudgeWithoutItsReading(string rule, double before, double after)
    {
        var subscale = rule switch
        {
            "phq-9" => Total("phq-9.json"),
            "rci" => new SubscaleDefinition("anxiety", "Attachment anxiety", "", true,
                new ReliableChangeParameters(new SourcedValue(1.1, false), new SourcedValue(0.85, true))),
            "rci-out-of-range" => new SubscaleDefinition("anxiety", "Attachment anxiety", "", true,
                new ReliableChangeParameters(new SourcedValue(1.1, true), new SourcedValue(1.0, true))),
            _ => Total("csi-4.json"),
        };
        var verdict = ReliableChange.Judge(before, after, subscale);
        var judgement = ReliableChange.Assess(before, after, subscale);

        judgement.Method.Should().Be(verdict.Method);
        judgement.Change.Should().Be(verdict.Change);
        judgement.VerdictAvailable.Should().Be(verdict.VerdictAvailable);
        judgement.IsReliable.Should().Be(verdict.IsReliable);
        judgement.Direction.Should().Be(verdict.Direction);
        judgement.Rci.Should().Be(verdict.Rci);
        judgement.DifferenceStandardError.Should().Be(verdict.DifferenceStandardError);
        judgement.ThresholdPoints.Should().Be(verdict.ThresholdPoints);
        judgement.ProvisionalParameters.Should().Be(verdict.ProvisionalParameters);
        ScoreTrend.Judged(before, after, subscale).Direction.Should().Be(ScoreTrend.Of(before, after, subscale).Direction);
        verdict.Reading.Should().NotBeNullOrWhiteSpace();
        if (rule == "rci")
        {
            // The RCI as Compute defines it, to the last bit.
            var computed = ReliableChange.Compute(before, after, 1.1, 0.85, lowerIsBetter: true, provisionalParameters: true);
            judgement.Rci.Should().Be(computed.Rci);
            verdict.Reading.Should().Be(computed.Reading.Replace("this score", "attachment anxiety"));
        }
    }
}
