using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Mfa;

internal sealed class MfaModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped<RecoveryCodeRedeemer>();
}
