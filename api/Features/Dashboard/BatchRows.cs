using Clinic.Api.Data;
using Npgsql;

namespace Clinic.Api.Features.Dashboard;

/// <summary>
/// Reading the result sets of an <see cref="NpgsqlBatch"/> for the dashboards' raw reads, each column by the name its
/// statement gives it (<c>AS "SafetyCheckInFlagsFrom"</c>), never by position: a column added to a statement cannot shift the
/// others. (Dapper's row parser would map rows by name; the dashboards need only these few typed reads, with the
/// snake_case enum words EF stores, so they do without another data-access library.)
/// </summary>
internal static class BatchRows
{
    /// <summary>Every row of the current result set, then moves on to the next one.</summary>
    public static async Task<List<T>> ReadAsync<T>(NpgsqlDataReader reader, Func<NamedRow, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        var named = new NamedRow(reader);
        while (await reader.ReadAsync(ct)) rows.Add(row(named));
        await reader.NextResultAsync(ct);
        return rows;
    }

    /// <summary>An assessment's <c>scores</c> jsonb (subscale code → score), read as text.</summary>
    public static IReadOnlyDictionary<string, double> Scores(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];
}

/// <summary>The current row of a batch's result set, read by column name.</summary>
internal sealed class NamedRow(NpgsqlDataReader reader)
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    private int Ordinal(string column)
    {
        if (!_ordinals.TryGetValue(column, out var ordinal)) _ordinals[column] = ordinal = reader.GetOrdinal(column);
        return ordinal;
    }

    public T Get<T>(string column) => reader.GetFieldValue<T>(Ordinal(column));

    public T? Nullable<T>(string column) where T : struct =>
        reader.IsDBNull(Ordinal(column)) ? null : reader.GetFieldValue<T>(Ordinal(column));

    public T? OrNull<T>(string column) where T : class =>
        reader.IsDBNull(Ordinal(column)) ? null : reader.GetFieldValue<T>(Ordinal(column));

    /// <summary>An enum stored as its snake_case word, as EF's <see cref="SnakeCaseEnumConverter{TEnum}"/> stores it.</summary>
    public TEnum Enum<TEnum>(string column) where TEnum : struct, System.Enum =>
        SnakeCaseEnumConverter<TEnum>.FromWire(reader.GetString(Ordinal(column)));

    public TEnum? NullableEnum<TEnum>(string column) where TEnum : struct, System.Enum =>
        reader.IsDBNull(Ordinal(column)) ? null : Enum<TEnum>(column);

    /// <summary>An assessment's scores, selected as <c>scores::text</c>.</summary>
    public IReadOnlyDictionary<string, double> Scores(string column) => BatchRows.Scores(reader.GetString(Ordinal(column)));
}
