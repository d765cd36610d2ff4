using System.Security.Claims;

namespace Clinic.Api.Infrastructure.Auth;

public interface ICurrentUser
{
    Guid Id { get; }
    string Role { get; }
    Guid SessionId { get; }
    /// <summary>For a client, the partner record their account belongs to.</summary>
    Guid? PartnerId { get; }
    string? ClientAddress { get; }
    bool IsAuthenticated { get; }
}

public static class ClinicClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Session = "sid";
    public const string Partner = "pid";
    public const string Name = "name";
    /// <summary>
    /// Present ("true") when the practice requires MFA and the user has not enrolled: the token
    /// then opens only MFA enrolment, /api/me and logout.
    /// </summary>
    public const string MfaEnrolmentOnly = "mfa_enrol";
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public Guid Id => Guid.TryParse(Principal?.FindFirstValue(ClinicClaims.Subject), out var id) ? id : Guid.Empty;
    public string Role => Principal?.FindFirstValue(ClinicClaims.Role) ?? "";
    public Guid SessionId => Guid.TryParse(Principal?.FindFirstValue(ClinicClaims.Session), out var id) ? id : Guid.Empty;
    public Guid? PartnerId => Guid.TryParse(Principal?.FindFirstValue(ClinicClaims.Partner), out var id) ? id : null;
    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
