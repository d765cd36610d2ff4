using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Appointments;

internal sealed class AppointmentsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AppointmentNotices>();
        services.AddScoped<IReminderKind, AppointmentReminder>();
    }
}
