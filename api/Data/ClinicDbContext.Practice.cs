using Clinic.Api.Domain.Practice;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<PracticeSettings> PracticeSettings => Set<PracticeSettings>();
}
