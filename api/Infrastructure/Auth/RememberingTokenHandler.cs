using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// JwtBearer's token handler, remembering the access tokens it has already validated. A client sends the
/// same token with every request for its ten minutes, and parsing it and checking its signature again was
/// ~7 % of the couple list's CPU in profiles (tests/bench/README.md). A remembered token is still checked
/// against the lifetime rule (<see cref="TokenValidationParameters.LifetimeValidator"/>, on the app's clock)
/// every time, and the session it names is still checked in the database on every request
/// (<see cref="SessionValidation"/>), so sign-out, a password change and deactivation take effect at once
/// as before. Only a token that validated with these parameters is remembered, under its exact text; the
/// parameters (issuer, audience, signing key) are fixed when the host starts, and a new key means a restart.
/// Each request gets its own copy of the identity, so nothing one request adds to it reaches another.
/// </summary>
public sealed class RememberingTokenHandler : JsonWebTokenHandler, IDisposable
{
    /// <summary>Tokens remembered at most; beyond it the cache evicts, and an evicted token is validated again.</summary>
    public const int Capacity = 5_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    public RememberingTokenHandler() => MapInboundClaims = false;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var lifetime = validationParameters.LifetimeValidator;
        if (lifetime is not null && _validated.TryGetValue(token, out Validated? known) &&
            lifetime(known!.Token.ValidFrom, known.Token.ValidTo, known.Token, validationParameters))
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.Token,
                ClaimsIdentity = known.Identity.Clone(),
                Issuer = known.Issuer,
                TokenType = known.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        // Without a lifetime rule to apply on each use, nothing is remembered.
        if (result.IsValid && lifetime is not null && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is not null)
        {
            _validated.Set(token, new Validated(jwt, result.ClaimsIdentity.Clone(), result.Issuer, result.TokenType),
                new MemoryCacheEntryOptions
                {
                    Size = 1,
                    // Gone from memory soon after it stops being valid anyway (the lifetime rule refuses it first).
                    AbsoluteExpiration = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew,
                });
        }
        return result;
    }

    public void Dispose() => _validated.Dispose();

    private sealed record Validated(JsonWebToken Token, System.Security.Claims.ClaimsIdentity Identity, string? Issuer, string? TokenType);
}
