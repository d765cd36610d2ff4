using Clinic.Seed;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>The API with the seed tool's writers registered, as tools/Clinic.Seed composes them.</summary>
public class SeedingApiFactory : ClinicApiFactory
{
    protected override void AddTestServices(IServiceCollection services) => services.AddSeeding();
}

public static class SeedingBuilders
{
    public const string DemoTherapistPassword = "Therapist-demo-2026!";
    public const string DemoClientPassword = "Client-demo-2026!";

    /// <summary>Runs tools/Clinic.Seed's code against this factory's database.</summary>
    public static Task SeedAsync(this SeedingApiFactory factory, params string[] args) => SeedCommand.RunAsync(factory.Services, args);

    /// <summary>Rows per table of the public schema (the migrations' bookkeeping and the audit trail excepted).</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(this ClinicApiFactory factory)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' " +
            "AND table_name NOT IN ('schema_migrations', 'audit_events') ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    public static async Task<T> ScalarAsync<T>(this ClinicApiFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
