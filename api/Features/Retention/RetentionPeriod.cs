using Clinic.Api.Domain.Retention;

namespace Clinic.Api.Features.Retention;

/// <summary>The practice's retention period in years (<c>retentionYears</c> in the practice settings).</summary>
public sealed class RetentionPeriod
{
    public Task<int> YearsAsync(CancellationToken ct) => Task.FromResult(RetentionRules.DefaultYears);
}
