using Clinic.Api.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
}
