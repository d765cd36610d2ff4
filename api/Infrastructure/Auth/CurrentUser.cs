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

/// <summary>
/// The request's user, read from its principal once: a request asks for its id, role and session several times
/// (the audit row, the ownership filter, the session check), and each claim lookup walks every claim.
/// </summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? _readFrom;
    private Guid _id;
    private string _role = "";
    private Guid _sessionId;
    private Guid? _partnerId;
    private bool _isAuthenticated;

    public bool IsAuthenticated => Read()._isAuthenticated;
    public Guid Id => Read()._id;
    public string Role => Read()._role;
    public Guid SessionId => Read()._sessionId;
    public Guid? PartnerId => Read()._partnerId;
    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Read again whenever the request's principal is another object (authentication replaces it).</summary>
    private HttpCurrentUser Read()
    {
        var principal = accessor.HttpContext?.User;
        if (ReferenceEquals(principal, _readFrom) && principal is not null) return this;
        _readFrom = principal;
        _isAuthenticated = principal?.Identity?.IsAuthenticated == true;
        _id = Guid.TryParse(principal?.FindFirstValue(ClinicClaims.Subject), out var id) ? id : Guid.Empty;
        _role = principal?.FindFirstValue(ClinicClaims.Role) ?? "";
        _sessionId = Guid.TryParse(principal?.FindFirstValue(ClinicClaims.Session), out var session) ? session : Guid.Empty;
        _partnerId = Guid.TryParse(principal?.FindFirstValue(ClinicClaims.Partner), out var partner) ? partner : null;
        return this;
    }
}
