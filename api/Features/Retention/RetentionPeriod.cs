using Clinic.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Retention;

/// <summary>The practice's retention period in years (<c>retentionYears</c> in the practice settings, the one row).</summary>
public sealed class RetentionPeriod(ClinicDbContext db)
{
    public async Task<int> YearsAsync(CancellationToken ct) => await db.PracticeSettings.Select(s => (int)s.RetentionYears).SingleAsync(ct);
}
