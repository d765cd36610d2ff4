namespace Clinic.Api.Tests.Infrastructure;

/// <summary>The email privacy check itself: a link's random secret is not read as words, everything else is.</summary>
public sealed class EmailPrivacyTests
{
    [Fact]
    public void ARandomTokenThatSpellsAnInstrumentByChance_IsNotReadAsClinicalText()
    {
        var text = "Stop these emails: https://clinic.test/unsubscribe?token=q7CSIfD2-x9LmR0aZ_kP4tYw8";

        EmailPrivacy.WithoutRandomTokens(text).Should().Be("Stop these emails: https://clinic.test/unsubscribe?token=[token]");
    }

    [Fact]
    public void WordsSlugsAndLowerCaseRuns_StayInTheText()
    {
        var text = "See /portal/taking-turns-homework-entries and https://clinic.test/check-in/0f8fad5b-d9cb-469f-a165-70867728950e";

        EmailPrivacy.WithoutRandomTokens(text).Should().Be(text);
    }
}
