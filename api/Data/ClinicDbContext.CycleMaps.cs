using Clinic.Api.Domain.CycleMaps;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<CycleMap> CycleMaps => Set<CycleMap>();
    public DbSet<CycleMapVersion> CycleMapVersions => Set<CycleMapVersion>();
}
