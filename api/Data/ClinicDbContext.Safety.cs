using Clinic.Api.Domain.Safety;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<SafetyCheckRequest> SafetyChecks => Set<SafetyCheckRequest>();
    public DbSet<SafetyFlag> SafetyFlags => Set<SafetyFlag>();
    public DbSet<RiskRecord> RiskRecords => Set<RiskRecord>();
    public DbSet<RiskRecordRevision> RiskRecordRevisions => Set<RiskRecordRevision>();
}
