using Clinic.Api.Domain.Signatures;
using Clinic.Api.Infrastructure.Auth;

namespace Clinic.Api.Features.Agreements;

/// <summary>
/// The request's side of an electronic signature: the client address (as the audit trail records it) and
/// the user agent. Inject it into a signing handler and pass <see cref="Context"/> to
/// <see cref="ElectronicSignature.Sign"/> (or to an entity that calls it).
/// </summary>
public sealed class RequestSigner(IHttpContextAccessor accessor, ICurrentUser user)
{
    public SignerContext Context => new(user.ClientAddress, accessor.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}

internal sealed class AgreementsModule : Infrastructure.Startup.IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RequestSigner>();
        services.AddScoped<IntakeStarter>();
    }
}
