using System.Security.Claims;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// The token handler remembers tokens it validated (a client sends the same one for ten minutes). What it
/// remembers must never outlive the token, be shared between requests, or stand in for another token.
/// Through the API: AccessTokenLifetimeTests (a used token is refused once expired) and LogoutTests.
/// </summary>
public sealed class RememberedTokenTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly TokenService _tokens;
    private readonly RememberingTokenHandler _handler = new();

    public RememberedTokenTests() =>
        _tokens = new TokenService(Options.Create(new JwtOptions { SigningKey = new string('k', 48) }), _clock);

    public void Dispose() => _handler.Dispose();

    private string Token(TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtOptions.Issuer,
            Audience = JwtOptions.Audience,
            Claims = new Dictionary<string, object> { [ClinicClaims.Subject] = Guid.NewGuid().ToString(), [ClinicClaims.Role] = "therapist" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_tokens.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task ATokenUsedAgain_IsAnsweredFromMemory_UntilItExpires()
    {
        var token = Token(TimeSpan.FromMinutes(2));

        var first = await _handler.ValidateTokenAsync(token, _tokens.ValidationParameters());
        var again = await _handler.ValidateTokenAsync(token, _tokens.ValidationParameters());
        _clock.Advance(TimeSpan.FromMinutes(3));
        var expired = await _handler.ValidateTokenAsync(token, _tokens.ValidationParameters());

        first.IsValid.Should().BeTrue();
        again.IsValid.Should().BeTrue();
        again.SecurityToken.Should().BeSameAs(first.SecurityToken, "the second use did not parse the token again");
        expired.IsValid.Should().BeFalse("a remembered token is still held to its lifetime, on the app's clock");
    }

    [Fact]
    public async Task EachUse_GetsItsOwnIdentity()
    {
        var token = Token(TimeSpan.FromMinutes(2));

        var uses = new List<TokenValidationResult>();
        for (var i = 0; i < 3; i++)
        {
            var use = await _handler.ValidateTokenAsync(token, _tokens.ValidationParameters());
            uses.Add(use);
            use.ClaimsIdentity.AddClaim(new Claim("added-by-request", i.ToString()));
        }

        uses.Select(u => u.ClaimsIdentity).Should().OnlyHaveUniqueItems();
        uses.Should().AllSatisfy(u =>
        {
            u.ClaimsIdentity.FindAll("added-by-request").Should().ContainSingle("no request sees what another added");
            u.ClaimsIdentity.FindFirst(ClinicClaims.Role)!.Value.Should().Be("therapist");
        });
    }

    [Fact]
    public async Task ARememberedToken_DoesNotVouchForAnAlteredOne()
    {
        var token = Token(TimeSpan.FromMinutes(2));
        (await _handler.ValidateTokenAsync(token, _tokens.ValidationParameters())).IsValid.Should().BeTrue();
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var altered = token[..(token.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        var result = await _handler.ValidateTokenAsync(altered, _tokens.ValidationParameters());

        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task ATokenThatFailed_IsNotRemembered()
    {
        var notYetValid = Token(TimeSpan.FromMinutes(2));
        _clock.Advance(TimeSpan.FromMinutes(-5));

        var early = await _handler.ValidateTokenAsync(notYetValid, _tokens.ValidationParameters());
        _clock.Advance(TimeSpan.FromMinutes(5));
        var onTime = await _handler.ValidateTokenAsync(notYetValid, _tokens.ValidationParameters());

        early.IsValid.Should().BeFalse();
        onTime.IsValid.Should().BeTrue();
    }
}
