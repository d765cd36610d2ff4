using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
}
