using System.Text.Json;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Safety;

namespace Clinic.Api.Tests.Domain;

public sealed class SafetyCheckTests
{
    private static readonly SafetyCheckDefinition Check =
        CatalogueLoader.LoadFile<SafetyCheckDefinition>(SeedFiles.Path("safety", "safety-check.json"));

    private static Dictionary<string, JsonElement> Answers(
        string safeAtHome = "yes", string hurt = "never", string afraid = "no", string? anythingElse = null)
    {
        var answers = new Dictionary<string, JsonElement>
        {
            ["safeAtHome"] = JsonSerializer.SerializeToElement(safeAtHome),
            ["hurtThreatenedFrightened"] = JsonSerializer.SerializeToElement(hurt),
            ["afraidToSpeakInJointSessions"] = JsonSerializer.SerializeToElement(afraid),
        };
        if (anythingElse is not null) answers["anythingElse"] = JsonSerializer.SerializeToElement(anythingElse);
        return answers;
    }

    [Fact]
    public void Catalogue_IsANeutralCheckInWithSafestAnswersMarked()
    {
        Check.Title.Should().Be("Check-in");
        Check.Items.Select(i => (i.Name, i.SafestAnswer)).Should().Equal(
            ("safeAtHome", "yes"),
            ("hurtThreatenedFrightened", "never"),
            ("afraidToSpeakInJointSessions", "no"),
            ("anythingElse", (string?)null));
        Check.Items[1].Options!.Select(o => o.Value).Should().Equal("never", "once", "several_times", "often");
        Check.Items[3].Should().Match<SafetyCheckItem>(i => !i.Required && i.MaxLength == 2000);
    }

    [Fact]
    public void Evaluate_AllSafestAnswers_RaisesNoFlag()
    {
        var outcome = SafetyCheck.Evaluate(Check, Answers());

        outcome.IsValid.Should().BeTrue();
        outcome.Result!.RaisesFlag.Should().BeFalse();
        outcome.Result.Reasons.Should().BeEmpty();
        outcome.Result.FreeText.Should().BeNull();
    }

    [Theory]
    [InlineData("no", "No")]
    [InlineData("unsure", "I'm not sure")]
    public void Evaluate_NotClearlySafeAtHome_RaisesFlag(string answer, string label)
    {
        var result = SafetyCheck.Evaluate(Check, Answers(safeAtHome: answer)).Result!;

        result.RaisesFlag.Should().BeTrue();
        result.Reasons.Should().Equal(new SafetyFlagReason("safeAtHome", answer, label, "Does not clearly feel safe at home."));
    }

    [Theory]
    [InlineData("once")]
    [InlineData("several_times")]
    [InlineData("often")]
    public void Evaluate_AnyHurtThreatOrFearInThePastYear_RaisesFlag(string answer)
    {
        var result = SafetyCheck.Evaluate(Check, Answers(hurt: answer)).Result!;

        result.RaisesFlag.Should().BeTrue();
        result.Reasons.Should().ContainSingle().Which.Item.Should().Be("hurtThreatenedFrightened");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("unsure")]
    public void Evaluate_AfraidToSpeakInJointSessions_RaisesFlag(string answer)
    {
        var result = SafetyCheck.Evaluate(Check, Answers(afraid: answer)).Result!;

        result.RaisesFlag.Should().BeTrue();
        result.Reasons.Should().ContainSingle().Which.Item.Should().Be("afraidToSpeakInJointSessions");
    }

    [Fact]
    public void Evaluate_SeveralUnsafeAnswers_GivesAReasonForEachInCatalogueOrder()
    {
        var result = SafetyCheck.Evaluate(Check, Answers("no", "often", "yes")).Result!;

        result.Reasons.Select(r => r.Item).Should().Equal("safeAtHome", "hurtThreatenedFrightened", "afraidToSpeakInJointSessions");
    }

    [Fact]
    public void Evaluate_FreeTextAlone_IsCarriedButRaisesNoFlag()
    {
        var result = SafetyCheck.Evaluate(Check, Answers(anythingElse: "  Things have been tense lately.  ")).Result!;

        result.RaisesFlag.Should().BeFalse();
        result.FreeText.Should().Be("Things have been tense lately.");
    }

    [Fact]
    public void Evaluate_FreeTextWithAFlag_IsCarriedToo()
    {
        var result = SafetyCheck.Evaluate(Check, Answers(safeAtHome: "unsure", anythingElse: "Please call me.")).Result!;

        result.RaisesFlag.Should().BeTrue();
        result.FreeText.Should().Be("Please call me.");
    }

    [Fact]
    public void Evaluate_MissingChoice_IsAValidationErrorNotAFlag()
    {
        var answers = Answers();
        answers.Remove("hurtThreatenedFrightened");

        var outcome = SafetyCheck.Evaluate(Check, answers);

        outcome.Result.Should().BeNull();
        outcome.Errors.Should().ContainSingle().Which.Key.Should().Be("answers.hurtThreatenedFrightened");
    }

    [Fact]
    public void Evaluate_UnknownOptionUnknownItemAndLongText_AreValidationErrors()
    {
        var answers = Answers(safeAtHome: "maybe", anythingElse: new string('x', 2001));
        answers["mood"] = JsonSerializer.SerializeToElement("ok");

        var errors = SafetyCheck.Evaluate(Check, answers).Errors;

        errors.Keys.Should().BeEquivalentTo("answers.safeAtHome", "answers.anythingElse", "answers.mood");
        errors["answers.safeAtHome"].Should().Equal("Must be one of: yes, no, unsure.");
        errors["answers.anythingElse"].Should().Equal("Must be at most 2000 characters.");
    }

    [Fact]
    public void Parse_ChoiceWithoutSafestAnswer_Throws()
    {
        var json = File.ReadAllText(SeedFiles.Path("safety", "safety-check.json"))
            .Replace("\"safestAnswer\": \"never\"", "\"safestAnswer\": \"rarely\"");

        var act = () => CatalogueLoader.Parse<SafetyCheckDefinition>(json, "safety-check.json");

        act.Should().Throw<CatalogueException>().WithMessage("*hurtThreatenedFrightened*safestAnswer*");
    }
}
