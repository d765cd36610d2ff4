using Clinic.Api.Infrastructure.Startup;

namespace Clinic.Api.Features.Booking;

internal sealed class BookingModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<BookingDesk>();
        services.AddScoped<BookingNotices>();
    }
}
