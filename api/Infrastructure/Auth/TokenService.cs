using System.Security.Claims;
using System.Text;
using Clinic.Api.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clinic.Api.Infrastructure.Auth;

public sealed class TokenService(IOptions<JwtOptions> options, TimeProvider clock)
{
    public SymmetricSecurityKey Key { get; } = CreateKey(options.Value.SigningKey);

    public TimeSpan AccessTokenLifetime { get; } = options.Value.AccessTokenLifetime;

    public static SymmetricSecurityKey CreateKey(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Clinic:Jwt:SigningKey must be at least 32 bytes (set Clinic__Jwt__SigningKey).");
        return new SymmetricSecurityKey(bytes);
    }

    public string CreateAccessToken(User user, Guid sessionId, bool mfaEnrolmentOnly = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ClinicClaims.Subject] = user.Id.ToString(),
            [ClinicClaims.Role] = user.Role,
            [ClinicClaims.Session] = sessionId.ToString(),
            [ClinicClaims.Name] = user.DisplayName,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (mfaEnrolmentOnly) claims[ClinicClaims.MfaEnrolmentOnly] = "true";
        if (user.PartnerId is { } partnerId) claims[ClinicClaims.Partner] = partnerId.ToString();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtOptions.Issuer,
            Audience = JwtOptions.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// The session a token names, when its signature, issuer and audience hold, however long ago it
    /// expired: enough to end that session (ending one is always safe), never to open anything.
    /// </summary>
    public async Task<Guid?> SessionNamedByAsync(string token)
    {
        var parameters = ValidationParameters();
        parameters.ValidateLifetime = false;
        parameters.LifetimeValidator = null;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        return result.IsValid && result.Claims.TryGetValue(ClinicClaims.Session, out var sid) && Guid.TryParse(sid as string, out var id)
            ? id
            : null;
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = JwtOptions.Issuer,
        ValidAudience = JwtOptions.Audience,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(5),
        NameClaimType = ClinicClaims.Name,
        RoleClaimType = ClinicClaims.Role,
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && exp + parameters.ClockSkew > now && (notBefore is null || notBefore <= now + parameters.ClockSkew);
        },
    };
}
