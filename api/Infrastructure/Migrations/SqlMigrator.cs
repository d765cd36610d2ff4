using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Clinic.Api.Infrastructure.Migrations;

public sealed class MigrationChecksumException(string file)
    : Exception($"Migration '{file}' was changed after it was applied. Applied migrations are immutable: " +
                $"restore the original file and put the change in a new migration.");

/// <summary>
/// Applies db/migrations/*.sql in file-name order, each once and in its own transaction, under a
/// PostgreSQL advisory lock so that instances starting together never race. DbUp (dbup-postgresql) would
/// replace the applying, but not the refusal of an applied file whose checksum changed, which is half of
/// what this class is for.
/// </summary>
public sealed class SqlMigrator(NpgsqlDataSource dataSource, ILogger<SqlMigrator> logger)
{
    // Arbitrary but fixed: every instance must ask for the same lock.
    private const long LockKey = 0x436C696E6963L; // "Clinic"

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "migrations");

    public async Task<IReadOnlyList<string>> ApplyAsync(string directory, CancellationToken ct = default)
    {
        var files = Directory.GetFiles(directory, "*.sql").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    file_name  text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT file_name, checksum FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied[reader.GetString(0)] = reader.GetString(1);

            var newlyApplied = new List<string>();
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                var sql = await File.ReadAllTextAsync(file, ct);
                var checksum = Checksum(sql);
                if (applied.TryGetValue(name, out var recorded))
                {
                    if (recorded != checksum) throw new MigrationChecksumException(name);
                    continue;
                }
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, sql, ct);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (file_name, checksum) VALUES ($1, $2)", connection, tx))
                {
                    record.Parameters.Add(new() { Value = name });
                    record.Parameters.Add(new() { Value = checksum });
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Migration}", name);
                newlyApplied.Add(name);
            }
            return newlyApplied;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    // Line endings are normalised so a checkout on another OS does not look like an edit.
    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n"))));

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
