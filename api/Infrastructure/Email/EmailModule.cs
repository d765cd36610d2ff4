using Clinic.Api.Infrastructure.Startup;
using Clinic.Api.Infrastructure.Time;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>Email: SMTP settings, the writer, the outbox a feature adds messages to, the background sender and its backlog gauges.</summary>
internal sealed class EmailModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection("Clinic:Smtp"));
        services.Configure<EmailOptions>(configuration.GetSection("Clinic:Email"));
        // Links in emails start with Clinic:PublicUrl (Clinic__PublicUrl), the address people open.
        services.PostConfigure<PracticeOptions>(o =>
        {
            if (configuration["Clinic:PublicUrl"] is { Length: > 0 } url) o.PublicUrl = url.TrimEnd('/');
        });
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<EmailWriter>();
        services.AddScoped<Outbox>();
        services.AddHostedService<OutboxSender>();
        services.AddHostedService<OutboxMetrics>();
        services.AddHostedService<UndeliverableAddressReport>();
    }
}
