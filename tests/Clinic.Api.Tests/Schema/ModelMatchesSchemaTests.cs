using Clinic.Api.Data;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clinic.Api.Tests.Schema;

/// <summary>
/// The schema is hand-written SQL and the model is C#: this proves they describe the same tables,
/// column by column, type by type and nullability by nullability.
/// </summary>
public sealed class ModelMatchesSchemaTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task EveryMappedColumn_ExistsInTheMigratedSchema_WithTheSameTypeAndNullability()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var actual = await ReadSchemaAsync(factory.ConnectionString);
        var problems = new List<string>();

        // Owned types in tables of their own (the cycle record and its ratings) included: their key columns are
        // where a naming convention and the hand-written schema can differ.
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store);
                if (column is null) continue;
                if (!actual.TryGetValue((table, column), out var dbColumn))
                {
                    problems.Add($"{table}.{column} is mapped but missing from the schema");
                    continue;
                }
                var expectedType = Normalise(property.GetColumnType(store));
                if (expectedType != dbColumn.Type) problems.Add($"{table}.{column}: model {expectedType}, schema {dbColumn.Type}");
                if (property.IsColumnNullable(store) != dbColumn.Nullable && column != "xmin")
                    problems.Add($"{table}.{column}: model nullable={property.IsColumnNullable(store)}, schema nullable={dbColumn.Nullable}");
            }
        }

        problems.Should().BeEmpty();
    }

    private static async Task<Dictionary<(string, string), (string Type, bool Nullable)>> ReadSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND (a.attnum > 0 OR a.attname = 'xmin') AND NOT a.attisdropped
            """, connection);
        var result = new Dictionary<(string, string), (string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[(reader.GetString(0), reader.GetString(1))] = (Normalise(reader.GetString(2)), reader.GetBoolean(3));
        return result;
    }

    private static string Normalise(string type) => type.ToLowerInvariant()
        .Replace("character varying", "varchar")
        .Replace("timestamp with time zone", "timestamptz")
        .Replace("time without time zone", "time")
        .Replace("int4", "integer").Replace("int8", "bigint").Replace("int2", "smallint")
        .Replace("bool", "boolean").Replace("booleanean", "boolean")
        .Replace("float8", "double precision");
}
