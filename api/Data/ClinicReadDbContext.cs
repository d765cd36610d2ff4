using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

/// <summary>
/// The same model on <c>ConnectionStrings:ClinicReadOnly</c> — a streaming standby — for the reads
/// that tolerate a few seconds of lag: the caseload, the couple dashboard, the couple list. Without
/// that setting it is the primary, as every other read. Nothing is written through it (a standby
/// refuses writes): the audit row of a routed read and everything a user reads right after writing
/// it go through <see cref="ClinicDbContext"/> on the primary.
/// </summary>
public sealed class ClinicReadDbContext(DbContextOptions<ClinicReadDbContext> options) : ClinicDbContext(options)
{
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default) =>
        throw new InvalidOperationException("ClinicReadDbContext is read-only: write through ClinicDbContext (the primary).");

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("ClinicReadDbContext is read-only: write through ClinicDbContext (the primary).");
}

/// <summary>Whether routed reads go to a separate read-only connection (ConnectionStrings:ClinicReadOnly is set).</summary>
public sealed record ReadRouting(bool UsesStandby);
