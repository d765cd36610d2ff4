using Clinic.Api.Infrastructure.Migrations;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Clinic.Api.Tests.Schema;

public sealed class MigratorTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "clinic-migrations-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateEmptyDatabaseAsync();
        Directory.CreateDirectory(_directory);
        foreach (var file in Directory.GetFiles(PostgresServer.MigrationsDirectory, "*.sql"))
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, true);
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Apply_Twice_AppliesEachFileOnceAndRecordsItsChecksum()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var migrator = new SqlMigrator(dataSource, NullLogger<SqlMigrator>.Instance);

        var first = await migrator.ApplyAsync(_directory);
        var second = await migrator.ApplyAsync(_directory);

        first.Should().Equal(Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        second.Should().BeEmpty();
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations WHERE length(checksum) = 64");
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(first.Count);
    }

    [Fact]
    public async Task Apply_SetsTheDatabasesPlannerCosts_ForEveryNewConnection()
    {
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
            await new SqlMigrator(dataSource, NullLogger<SqlMigrator>.Instance).ApplyAsync(_directory);

        // A connection from outside the app (psql, pgbench) plans with the same costs as the app.
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW random_page_cost", connection);
        ((string)(await command.ExecuteScalarAsync())!).Should().Be("1.1");
    }

    [Fact]
    public async Task Apply_WhenAnAppliedFileChanged_RefusesAndNamesTheFile()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var migrator = new SqlMigrator(dataSource, NullLogger<SqlMigrator>.Instance);
        await migrator.ApplyAsync(_directory);
        File.AppendAllText(Path.Combine(_directory, "0001_init.sql"), "\n-- an edit after the fact\n");

        var act = () => migrator.ApplyAsync(_directory);

        (await act.Should().ThrowAsync<MigrationChecksumException>()).Which.Message.Should().Contain("0001_init.sql");
    }

    [Fact]
    public async Task Apply_FromTwoInstancesAtOnce_AppliesEachFileExactlyOnce()
    {
        await using var a = NpgsqlDataSource.Create(_connectionString);
        await using var b = NpgsqlDataSource.Create(_connectionString);

        var results = await Task.WhenAll(
            new SqlMigrator(a, NullLogger<SqlMigrator>.Instance).ApplyAsync(_directory),
            new SqlMigrator(b, NullLogger<SqlMigrator>.Instance).ApplyAsync(_directory));

        results.SelectMany(r => r).Should().OnlyHaveUniqueItems().And.HaveCount(Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task Apply_WhenAFileFails_RollsBackThatFileAndRecordsNothingForIt()
    {
        File.WriteAllText(Path.Combine(_directory, "9999_broken.sql"), "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;");
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);

        var act = () => new SqlMigrator(dataSource, NullLogger<SqlMigrator>.Instance).ApplyAsync(_directory);

        await act.Should().ThrowAsync<PostgresException>();
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM schema_migrations WHERE file_name = '9999_broken.sql') + (SELECT count(*) FROM pg_tables WHERE tablename = 'half_done')");
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }
}
