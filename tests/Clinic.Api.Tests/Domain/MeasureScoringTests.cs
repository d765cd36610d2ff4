using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

/// <summary>
/// CSI-4, CSI-16, PHQ-9 and GAD-7 scored from the shipped seed files, against totals and bands
/// worked out by hand from the published keys (../shared/INSTRUMENTS.md).
/// </summary>
public sealed class MeasureScoringTests
{
    private static InstrumentDefinition Load(string file) => CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", file));

    private static readonly InstrumentDefinition Csi4 = Load("csi-4.json");
    private static readonly InstrumentDefinition Csi16 = Load("csi-16.json");
    private static readonly InstrumentDefinition Phq9 = Load("phq-9.json");
    private static readonly InstrumentDefinition Gad7 = Load("gad-7.json");

    private static Dictionary<string, int?> Answers(string prefix, params int[] values) =>
        values.Select((v, i) => (Id: $"{prefix}-{i + 1}", v)).ToDictionary(x => x.Id, x => (int?)x.v);

    /// <summary>Answers summing to <paramref name="total"/> on 0–3 items: as many 3s as fit, the remainder, then 0s.</summary>
    private static Dictionary<string, int?> SummingTo(string prefix, int items, int total) =>
        Answers(prefix, Enumerable.Range(0, items).Select(i => Math.Clamp(total - 3 * i, 0, 3)).ToArray());

    [Fact]
    public void Csi4_IsCsi32Items1_12_19_22_WithItemOneScoredZeroToSix()
    {
        Csi4.Items.Select(i => i.Id).Should().Equal("csi4-1", "csi4-2", "csi4-3", "csi4-4");
        Csi4.Items.Select(i => i.Text).Should().Equal(
            "Please indicate the degree of happiness, all things considered, of your relationship.",
            "I have a warm and comfortable relationship with my partner.",
            "How rewarding is your relationship with your partner?",
            "In general, how satisfied are you with your relationship?");
        Csi4.Items.Select(i => (Csi4.ScaleOf(i).Min, Csi4.ScaleOf(i).Max)).Should().Equal((0, 6), (0, 5), (0, 5), (0, 5));
        Csi4.Scoring.Should().Be(ScoringMethod.Sum);
        Csi4.Subscale("total").LowerIsBetter.Should().BeFalse("higher CSI means more satisfied");
    }

    [Fact]
    public void Csi4_AllTopAnswers_Gives21_AndAllBottomAnswersGive0()
    {
        InstrumentScoring.Score(Csi4, Answers("csi4", 6, 5, 5, 5))["total"].Should().Be(21);
        InstrumentScoring.Score(Csi4, Answers("csi4", 0, 0, 0, 0))["total"].Should().Be(0);
    }

    [Theory]
    // 4 + 3 + 2 + 4 = 13: below the 13.5 cut-off; 4 + 3 + 3 + 4 = 14: not.
    [InlineData(new[] { 4, 3, 2, 4 }, 13, true)]
    [InlineData(new[] { 4, 3, 3, 4 }, 14, false)]
    public void Csi4_CutOff_IsBelow13Point5(int[] answers, int total, bool dissatisfied)
    {
        var score = InstrumentScoring.Score(Csi4, Answers("csi4", answers));

        score["total"].Should().Be(total);
        Csi4.Subscale("total").CutOff!.Value.Should().Be(13.5);
        Csi4.Subscale("total").CutOff!.IsClinical(score["total"]).Should().Be(dissatisfied);
        score.Band.Should().BeNull("the CSI has a cut-off, not severity bands");
    }

    [Fact]
    public void Csi4_SixOnTheHappinessItemIsValid_ButSixOnAZeroToFiveItemNamesThatItem()
    {
        InstrumentScoring.Validate(Csi4, Answers("csi4", 6, 5, 5, 5)).Should().BeEmpty();

        var errors = InstrumentScoring.Validate(Csi4, Answers("csi4", 6, 6, 5, 5));

        errors.Should().ContainSingle().Which.Key.Should().Be("responses.csi4-2");
        errors["responses.csi4-2"].Should().Equal("Must be between 0 and 5.");
    }

    [Fact]
    public void Csi16_AnswersAreStoredByValue_NotByPrintedPosition()
    {
        // The left-most printed option of each item, by value: item 1 Extremely unhappy 0; item 2
        // "All the time" 5 (printed 5 → 0); items 3–10 "Not at all…" 0; Interesting 5, Bad 0, Full 5,
        // Sturdy 5, Discouraging 0, Enjoyable 5. Sum = 0 + 5 + 0 + 5 + 0 + 5 + 5 + 0 + 5 = 25.
        // Scoring positions instead of values would give 0.
        var leftMost = Csi16.Items.ToDictionary(i => i.Id, i => (int?)Csi16.ScaleOf(i).Anchors[0].Value);

        leftMost.Values.Should().Equal(0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 5, 5, 0, 5);
        InstrumentScoring.Score(Csi16, leftMost)["total"].Should().Be(25);
    }

    [Fact]
    public void Csi16_IsTheSixteenItemForm_WithTheSemanticDifferentialsLast()
    {
        Csi16.Items.Select(i => i.Id).Should().Equal(Enumerable.Range(1, 16).Select(n => $"csi16-{n}"));
        Csi16.Items[1].Text.Should().Be("In general, how often do you think that things between you and your partner are going well?");
        Csi16.Items.Skip(10).Select(i => i.Text).Should().Equal("Interesting – Boring", "Bad – Good", "Full – Empty",
            "Sturdy – Fragile", "Discouraging – Hopeful", "Enjoyable – Miserable");
        Csi16.Items[10].Preamble.Should().StartWith("For each of the following items, select the answer");
        Csi16.Subscale("total").Range.Should().Be(new ScoreRange(0, 81));
    }

    [Theory]
    // Max: 6 + 15 · 5 = 81. 51 is below the 51.5 cut-off, 52 is not.
    [InlineData(81, false)]
    [InlineData(52, false)]
    [InlineData(51, true)]
    [InlineData(0, true)]
    public void Csi16_Totals_AndTheCutOffAt51Point5(int total, bool dissatisfied)
    {
        // Item 1 takes up to 6, then 5s, the remainder, then 0s.
        var values = new int[16];
        var left = total;
        for (var i = 0; i < 16; i++)
        {
            values[i] = Math.Min(left, i == 0 ? 6 : 5);
            left -= values[i];
        }

        var score = InstrumentScoring.Score(Csi16, Answers("csi16", values));

        score["total"].Should().Be(total);
        Csi16.Subscale("total").CutOff!.IsClinical(total).Should().Be(dissatisfied);
    }

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderately_severe")]
    [InlineData(19, "moderately_severe")]
    [InlineData(20, "severe")]
    [InlineData(27, "severe")]
    public void Phq9_EveryBandBoundary(int total, string band)
    {
        var score = InstrumentScoring.Score(Phq9, SummingTo("phq9", 9, total));

        score["total"].Should().Be(total);
        score.Band!.Code.Should().Be(band);
    }

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void Gad7_EveryBandBoundary(int total, string band)
    {
        var score = InstrumentScoring.Score(Gad7, SummingTo("gad7", 7, total));

        score["total"].Should().Be(total);
        score.Band!.Code.Should().Be(band);
    }

    [Fact]
    public void Phq9_MixedAnswers_SumWithNoItemReversed()
    {
        // 1 + 2 + 0 + 3 + 1 + 0 + 2 + 1 + 0 = 10 → moderate, and at the clinical cut-off of 10.
        var score = InstrumentScoring.Score(Phq9, Answers("phq9", 1, 2, 0, 3, 1, 0, 2, 1, 0));

        score["total"].Should().Be(10);
        score.Band!.Label.Should().Be("Moderate");
        Phq9.Subscale("total").CutOff!.IsClinical(10).Should().BeTrue();
        Phq9.Subscale("total").CutOff!.IsClinical(9).Should().BeFalse();
        Phq9.Items.Should().OnlyContain(i => !i.Reverse);
    }

    [Fact]
    public void Phq9AndGad7_ShowThePfizerNotice_AndKeepTheFormsWording()
    {
        Phq9.Licence.Should().Contain("Pfizer").And.Contain("No permission required to reproduce, translate, display or distribute");
        Gad7.Licence.Should().Be(Phq9.Licence);
        Phq9.Instructions.Should().Be("Over the last 2 weeks, how often have you been bothered by any of the following problems?");
        Phq9.Items[8].Text.Should().Be("Thoughts that you would be better off dead or of hurting yourself in some way");
        Gad7.Items[0].Text.Should().Be("Feeling nervous, anxious, or on edge");
        Phq9.Scale.Anchors.Select(a => a.Label).Should().Equal("Not at all", "Several days", "More than half the days", "Nearly every day");
    }

    [Theory]
    [InlineData("phq9", 9, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, "responses.phq9-10", "Unknown item.")]
    [InlineData("phq9", 9, new[] { 1, 1, 1, 1, 1, 1, 1, 1 }, "responses.phq9-9", "An answer is required.")]
    [InlineData("phq9", 9, new[] { 1, 1, 1, 4, 1, 1, 1, 1, 1 }, "responses.phq9-4", "Must be between 0 and 3.")]
    [InlineData("gad7", 7, new[] { 1, 1, 1, 1, 1, 1, -1 }, "responses.gad7-7", "Must be between 0 and 3.")]
    public void MissingExtraAndOutOfRangeAnswers_NameTheItem(string prefix, int items, int[] answers, string field, string message)
    {
        var instrument = prefix == "phq9" ? Phq9 : Gad7;
        items.Should().Be(instrument.Items.Count);

        var errors = InstrumentScoring.Validate(instrument, Answers(prefix, answers));

        errors.Should().ContainSingle().Which.Key.Should().Be(field);
        errors[field].Should().Equal(message);
    }

    [Fact]
    public void ValidatePartial_AllowsUnansweredItems_ButStillNamesAnOutOfRangeOne()
    {
        var draft = new Dictionary<string, int?> { ["phq9-1"] = 2, ["phq9-2"] = 7 };

        InstrumentScoring.ValidatePartial(Phq9, draft).Keys.Should().Equal("responses.phq9-2");
        InstrumentScoring.Validate(Phq9, draft).Keys.Should().HaveCount(8, "one out of range and seven missing");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    public void Phq9Item9_AboveZeroRaisesTheRiskItem(int item9, bool raised)
    {
        var responses = new Dictionary<string, int> { ["phq9-9"] = item9 };

        var risks = Phq9.RisksRaisedBy(responses);

        risks.Should().HaveCount(raised ? 1 : 0);
        if (raised) risks[0].Risk.Reason.Should().Contain("suicide risk");
        Gad7.RisksRaisedBy(new Dictionary<string, int> { ["gad7-1"] = 3 }).Should().BeEmpty();
    }
}
