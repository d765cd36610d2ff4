using Clinic.Api.Domain.Retention;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<CoupleRetention> CoupleRetention => Set<CoupleRetention>();
}
