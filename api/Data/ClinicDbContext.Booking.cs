using Clinic.Api.Domain.Booking;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<Availability> Availabilities => Set<Availability>();
    public DbSet<BookingRequest> BookingRequests => Set<BookingRequest>();
}
