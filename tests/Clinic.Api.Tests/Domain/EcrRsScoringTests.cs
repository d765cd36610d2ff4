using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

public sealed class EcrRsScoringTests
{
    private static readonly InstrumentDefinition EcrRs =
        CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "ecr-rs.json"));

    private static Dictionary<string, int?> Responses(params int?[] answers) =>
        answers.Select((a, i) => (Id: $"ecrrs-{i + 1}", a)).ToDictionary(x => x.Id, x => x.a);

    [Fact]
    public void Catalogue_HasNineItemsInOrderWithItemsOneToFourReversed()
    {
        EcrRs.Code.Should().Be("ECR-RS");
        EcrRs.Items.Select(i => i.Id).Should().Equal(Enumerable.Range(1, 9).Select(n => $"ecrrs-{n}"));
        EcrRs.Items.Where(i => i.Reverse).Select(i => i.Number).Should().Equal(1, 2, 3, 4);
        EcrRs.Items.Where(i => i.Subscale == "avoidance").Select(i => i.Number).Should().Equal(1, 2, 3, 4, 5, 6);
        EcrRs.Items.Where(i => i.Subscale == "anxiety").Select(i => i.Number).Should().Equal(7, 8, 9);
        EcrRs.Items[0].Text.Should().Be("It helps to turn to this person in times of need.");
        EcrRs.Items[8].Text.Should().Be("I worry that this person won't care about me as much as I care about him or her.");
        EcrRs.Scale.Anchors.Select(a => a.Value).Should().Equal(1, 2, 3, 4, 5, 6, 7);
    }

    [Fact]
    public void Catalogue_MarksUnsourcedSdAsConfiguration()
    {
        foreach (var subscale in EcrRs.Subscales)
        {
            subscale.ReliableChange.Reliability.Should().Be(new SourcedValue(0.65, true,
                "Fraley, ECR-RS web page (romantic partner test–retest)"));
            subscale.ReliableChange.Sd!.Sourced.Should().BeFalse();
            subscale.ReliableChange.Sd.Note.Should().Contain("Not yet sourced");
            subscale.ReliableChange.FullySourced.Should().BeFalse();
        }
    }

    // Reverse keying is 8 − x on items 1–4, so "strongly agree" everywhere does not mean
    // "maximally avoidant": it mixes four low-avoidance answers with two high ones.

    [Fact]
    public void Score_AllOnes_GivesAvoidance5AndAnxiety1()
    {
        // Avoidance: items 1–4 reverse to 8 − 1 = 7; items 5–6 stay 1 → (7+7+7+7+1+1)/6 = 30/6 = 5.0.
        // Anxiety: (1+1+1)/3 = 1.0.
        var score = InstrumentScoring.Score(EcrRs, Responses(1, 1, 1, 1, 1, 1, 1, 1, 1));

        score["avoidance"].Should().Be(5.0);
        score["anxiety"].Should().Be(1.0);
    }

    [Fact]
    public void Score_AllSevens_GivesAvoidance3AndAnxiety7()
    {
        // Avoidance: items 1–4 reverse to 8 − 7 = 1; items 5–6 stay 7 → (1+1+1+1+7+7)/6 = 18/6 = 3.0.
        var score = InstrumentScoring.Score(EcrRs, Responses(7, 7, 7, 7, 7, 7, 7, 7, 7));

        score["avoidance"].Should().Be(3.0);
        score["anxiety"].Should().Be(7.0);
    }

    [Fact]
    public void Score_AllFours_GivesAvoidance4AndAnxiety4()
    {
        // 8 − 4 = 4, so the midpoint is its own mirror image.
        var score = InstrumentScoring.Score(EcrRs, Responses(4, 4, 4, 4, 4, 4, 4, 4, 4));

        score["avoidance"].Should().Be(4.0);
        score["anxiety"].Should().Be(4.0);
    }

    [Fact]
    public void Score_OnlyReverseKeyedItemsHigh_GivesMinimumAvoidance()
    {
        // Items 1–4 at 7 reverse to 1; items 5–6 at 1 → (1+1+1+1+1+1)/6 = 1.0.
        var score = InstrumentScoring.Score(EcrRs, Responses(7, 7, 7, 7, 1, 1, 4, 4, 4));

        score["avoidance"].Should().Be(1.0);
        score["anxiety"].Should().Be(4.0);
    }

    [Fact]
    public void Score_OnlyReverseKeyedItemsLow_GivesMaximumAvoidance()
    {
        // Items 1–4 at 1 reverse to 7; items 5–6 at 7 → 42/6 = 7.0.
        var score = InstrumentScoring.Score(EcrRs, Responses(1, 1, 1, 1, 7, 7, 4, 4, 4));

        score["avoidance"].Should().Be(7.0);
    }

    [Fact]
    public void Score_MixedAnswers_KeepsFullPrecisionAndRoundsOnlyForDisplay()
    {
        // Items 1–4 = 7,6,5,2 → reversed 1,2,3,6; items 5–6 = 3,4 → (1+2+3+6+3+4)/6 = 19/6 = 3.1666…
        // Anxiety: (6+5+2)/3 = 13/3 = 4.3333…
        var score = InstrumentScoring.Score(EcrRs, Responses(7, 6, 5, 2, 3, 4, 6, 5, 2));

        score["avoidance"].Should().Be(19.0 / 6.0);
        score["anxiety"].Should().Be(13.0 / 3.0);
        score.Subscales.Select(s => s.Rounded).Should().Equal(3.17, 4.33);
    }

    [Fact]
    public void Score_MixedAnswers_ClassifiesQuadrantWithTheCatalogueMidpoint()
    {
        // Avoidance 3.17 (low), anxiety 4.33 (high) → preoccupied.
        var score = InstrumentScoring.Score(EcrRs, Responses(7, 6, 5, 2, 3, 4, 6, 5, 2));

        Quadrant.Classify(EcrRs, score).Should().Be(AttachmentQuadrant.Preoccupied);
    }

    [Fact]
    public void Score_ItemIdsInAnotherCase_ScoresTheSame()
    {
        var responses = Responses(7, 6, 5, 2, 3, 4, 6, 5, 2)
            .ToDictionary(r => r.Key.ToUpperInvariant(), r => r.Value);

        InstrumentScoring.Score(EcrRs, responses)["avoidance"].Should().Be(19.0 / 6.0);
    }

    [Fact]
    public void Score_InvalidResponses_Throws()
    {
        var act = () => InstrumentScoring.Score(EcrRs, Responses(1, 1, 1, 1, 1, 1, 1, 1));

        act.Should().Throw<ArgumentException>().WithMessage("*responses.ecrrs-9*");
    }

    [Fact]
    public void Validate_CompleteAnswers_ReturnsNoErrors()
    {
        InstrumentScoring.Validate(EcrRs, Responses(1, 2, 3, 4, 5, 6, 7, 1, 2)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_MissingOrNullAnswer_NamesTheItem()
    {
        var responses = Responses(1, 2, null, 4, 5, 6, 7, 1, 2);
        responses.Remove("ecrrs-9");

        var errors = InstrumentScoring.Validate(EcrRs, responses);

        errors.Keys.Should().BeEquivalentTo("responses.ecrrs-3", "responses.ecrrs-9");
        errors["responses.ecrrs-3"].Should().Equal("An answer is required.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-3)]
    public void Validate_OutOfRange_NamesTheItem(int answer)
    {
        var errors = InstrumentScoring.Validate(EcrRs, Responses(1, 2, 3, 4, answer, 6, 7, 1, 2));

        errors.Should().ContainSingle().Which.Key.Should().Be("responses.ecrrs-5");
        errors["responses.ecrrs-5"].Should().Equal("Must be between 1 and 7.");
    }

    [Fact]
    public void Validate_UnknownItem_IsReportedUnderItsOwnKey()
    {
        var responses = Responses(1, 2, 3, 4, 5, 6, 7, 1, 2);
        responses["ecrrs-10"] = 3;

        var errors = InstrumentScoring.Validate(EcrRs, responses);

        errors.Should().ContainSingle().Which.Key.Should().Be("responses.ecrrs-10");
        errors["responses.ecrrs-10"].Should().Equal("Unknown item.");
    }

    [Fact]
    public void Validate_SameItemTwiceDifferingByCase_IsRejected()
    {
        var responses = Responses(1, 2, 3, 4, 5, 6, 7, 1, 2);
        responses["ECRRS-3"] = 6;

        var errors = InstrumentScoring.Validate(EcrRs, responses);

        errors.Should().ContainSingle().Which.Key.Should().Be("responses.ecrrs-3");
        errors["responses.ecrrs-3"].Single().Should().StartWith("Answered more than once");
    }
}
