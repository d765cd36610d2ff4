using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Tests.Domain;

public sealed class CoupleInitialsTests
{
    [Theory]
    [InlineData("Alex & Sam", "AS")]
    [InlineData("zoë and Émile", "ZE")]
    [InlineData("Mary-Jo & Lee", "MJL")]
    [InlineData("李 & 王", "couple")]
    [InlineData("", "couple")]
    public void InitialsOf_TakesEachWordsFirstLetter_AccentsFolded_ForAFileName(string displayName, string expected) =>
        Couple.InitialsOf(displayName).Should().Be(expected);
}
