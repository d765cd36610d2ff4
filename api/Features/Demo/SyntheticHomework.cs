using Npgsql;

namespace Clinic.Api.Features.Demo;

public sealed partial class SyntheticPractice
{
    // Homework tables arrive with the homework feature.
    private static Task<IReadOnlyList<(string Table, long Rows)>> CopyHomeworkAsync(NpgsqlConnection connection,
        SyntheticModel practice, CancellationToken ct) => Task.FromResult<IReadOnlyList<(string, long)>>([]);
}
