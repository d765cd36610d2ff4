using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Schedules;

internal sealed class SchedulesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ScheduleOptions>(configuration.GetSection("Clinic:Schedules"));
        services.AddScoped<ScheduledRequests>();
        services.AddHostedService<MeasureScheduler>();
    }
}
