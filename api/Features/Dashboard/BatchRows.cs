using Clinic.Api.Data;
using Npgsql;

namespace Clinic.Api.Features.Dashboard;

/// <summary>Reading the result sets of an <see cref="NpgsqlBatch"/> by column position, for the dashboards' raw reads.</summary>
internal static class BatchRows
{
    /// <summary>Every row of the current result set, then moves on to the next one.</summary>
    public static async Task<List<T>> ReadAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(row(reader));
        await reader.NextResultAsync(ct);
        return rows;
    }

    /// <summary>An assessment's <c>scores</c> jsonb (subscale code → score), read as text.</summary>
    public static IReadOnlyDictionary<string, double> Scores(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];

    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>An enum stored as its snake_case word, as EF's <see cref="SnakeCaseEnumConverter{TEnum}"/> stores it.</summary>
    public static TEnum Enum<TEnum>(this NpgsqlDataReader reader, int ordinal) where TEnum : struct, System.Enum =>
        SnakeCaseEnumConverter<TEnum>.FromWire(reader.GetString(ordinal));
}
