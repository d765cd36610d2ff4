using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Notifications;

internal sealed class NotificationsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PortalNews>();
        services.AddScoped<HomeworkNudges>();
        services.AddScoped<QuestionnaireReminders>();
        services.AddScoped<IReminderKind, HomeworkNudge>();
        services.AddScoped<IReminderKind, QuestionnaireReminder>();
    }
}
