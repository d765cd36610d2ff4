using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Demo;

internal sealed class DemoModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DemoPracticeLoader>();
        services.AddScoped<DemoClinicalWriter>();
        services.AddScoped<SyntheticPractice>();
    }
}
