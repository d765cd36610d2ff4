namespace Clinic.Api.Features.Auth;

public sealed record UserSummaryDto(Guid Id, string Role, string DisplayName);

/// <summary>What login and refresh answer. The refresh token never appears in a body.</summary>
public sealed record AccessTokenDto(string AccessToken, int ExpiresIn, UserSummaryDto User);

/// <summary>A handler's result: the body plus the refresh token the endpoint puts in the cookie.</summary>
public sealed record SignInResult(AccessTokenDto Body, string RefreshToken, DateTimeOffset RefreshExpiresAt);
