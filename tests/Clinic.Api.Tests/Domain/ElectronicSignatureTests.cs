using Clinic.Api.Domain;
using Clinic.Api.Domain.Signatures;

namespace Clinic.Api.Tests.Domain;

public sealed class ElectronicSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly SignerContext Browser = new("203.0.113.9", "Mozilla/5.0 (iPhone)");

    [Theory]
    [InlineData("José Álvarez", "jose alvarez")]
    [InlineData("José Álvarez", "  JOSÉ   ÁLVAREZ ")]
    [InlineData("Søren Łukasz", "Soren Lukasz")]
    [InlineData("Zoë Brontë-Smith", "zoe bronte-smith")]
    public void TheOwnName_MatchesWithCaseAccentsAndSpacingAside(string full, string typed)
    {
        var parts = full.Split(' ');
        new SignerName(parts[0], parts[1]).Matches(typed).Should().BeTrue();
    }

    [Theory]
    [InlineData("Jose")]
    [InlineData("Alvarez Jose")]
    [InlineData("Sam Reed")]
    [InlineData("Jose Alvarez Jr")]
    public void AnotherName_DoesNotMatch(string typed) =>
        new SignerName("José", "Álvarez").Matches(typed).Should().BeFalse();

    [Fact]
    public void Sign_KeepsTheTypedName_TheSha256OfTheText_AndWhereFrom()
    {
        var signature = ElectronicSignature.Sign(new SignatureRequest("jose alvarez", true), new SignerName("José", "Álvarez"), "abc", Browser, Now);

        signature.TextSha256.Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of \"abc\" (FIPS 180-2)");
        signature.TypedName.Should().Be("jose alvarez");
        signature.AgreedToSignElectronically.Should().BeTrue();
        signature.SignedAt.Should().Be(Now);
        signature.ClientAddress.Should().Be("203.0.113.9");
        signature.UserAgent.Should().Be("Mozilla/5.0 (iPhone)");
    }

    [Fact]
    public void Sign_WithAnotherName_OrWithoutConsent_OrOverChangedText_IsRefused()
    {
        var me = new SignerName("José", "Álvarez");

        var wrongName = () => ElectronicSignature.Sign(new SignatureRequest("Sam Reed", true), me, "abc", Browser, Now);
        var noConsent = () => ElectronicSignature.Sign(new SignatureRequest("José Álvarez", false), me, "abc", Browser, Now);
        var changed = () => ElectronicSignature.Sign(new SignatureRequest("José Álvarez", true, new string('0', 64)), me, "abc", Browser, Now);

        wrongName.Should().Throw<DomainRuleException>().Where(e => e.Field == "typedName");
        noConsent.Should().Throw<DomainRuleException>().Where(e => e.Field == "agreeToSignElectronically");
        changed.Should().Throw<DomainRuleException>().Where(e => e.Violation == RuleViolation.Conflict);
    }
}
