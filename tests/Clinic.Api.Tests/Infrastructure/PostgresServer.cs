using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clinic.Api.Infrastructure.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run: CLINIC_TEST_DB when set (make test starts a
/// throwaway cluster and sets it), otherwise a private cluster started here from the system's
/// binaries. Migrations are applied once to a template; each test class clones it.
/// As in production, two roles: <see cref="OwnerRole"/> owns the schema and runs the migrations;
/// the app connects as <see cref="AppLogin"/>, a member of clinic_app that cannot change the schema,
/// empty a table or rewrite the audit trail. The server's own superuser only creates and drops databases.
/// </summary>
public static class PostgresServer
{
    public const string OwnerRole = "clinic_owner";
    public const string AppLogin = "clinic_web";
    // The throwaway clusters trust local connections; a password keeps the roles usable on one that does not.
    private const string RolePassword = "clinic-test-only";

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);
    private static string? _adminConnectionString;
    private static string? _clusterDir;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string MigrationsDirectory => Path.Combine(RepoRoot, "db", "migrations");

    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await Template.Value;
        var name = "clinic_t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template} OWNER {OwnerRole}", connection);
        await command.ExecuteNonQueryAsync();
        return ForDatabase(name, AppLogin);
    }

    /// <summary>The same database as <paramref name="connectionString"/>, as the schema's owner (for tests that alter it).</summary>
    public static string AsOwner(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = OwnerRole, Password = RolePassword }.ConnectionString;

    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        await Template.Value;
        var name = "clinic_e_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ForDatabase(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ForDatabase(string name, string? role = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 };
        if (role is not null)
        {
            builder.Username = role;
            builder.Password = RolePassword;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// The two roles, as db/cluster.sh roles makes them. Roles belong to the whole server, and another
    /// test run may create them at the same moment, so each is created on its own and a duplicate is fine.
    /// </summary>
    private static async Task EnsureRolesAsync(NpgsqlConnection connection)
    {
        foreach (var create in new[]
                 {
                     $"CREATE ROLE {OwnerRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{RolePassword}'",
                     "CREATE ROLE clinic_app NOLOGIN",
                     $"CREATE ROLE {AppLogin} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD '{RolePassword}' IN ROLE clinic_app",
                 })
        {
            await using var command = new NpgsqlCommand(create, connection);
            try { await command.ExecuteNonQueryAsync(); }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation) { }
        }
        // Made earlier by web/e2e/run.sh or db/roles.sql, or by a run that stopped half-way: make sure of
        // the membership and the password (web/e2e/run.sh sets the same one).
        foreach (var statement in new[]
                 {
                     $"GRANT clinic_app TO {AppLogin}",
                     $"ALTER ROLE {OwnerRole} PASSWORD '{RolePassword}'", $"ALTER ROLE {AppLogin} PASSWORD '{RolePassword}'",
                 })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> CreateTemplateAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable("CLINIC_TEST_DB") is { Length: > 0 } url
            ? url
            : StartPrivateCluster();
        var template = "clinic_template_" + Environment.ProcessId;
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {template} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await EnsureRolesAsync(connection);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {template} OWNER {OwnerRole}", connection);
            await create.ExecuteNonQueryAsync();
        }
        await using (var dataSource = NpgsqlDataSource.Create(ForDatabase(template, OwnerRole)))
            await new SqlMigrator(dataSource, NullLogger<SqlMigrator>.Instance).ApplyAsync(MigrationsDirectory);
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(template);
        return template;
    }

    private static void DropTemplate(string template)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_adminConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {template} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException) { /* the throwaway cluster is going away anyway */ }
    }

    private static string StartPrivateCluster()
    {
        var bin = new[] { "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin", "/usr/local/bin", "/usr/bin" }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found: set CLINIC_TEST_DB or install postgresql (make test does both).");
        _clusterDir = Path.Combine(Path.GetTempPath(), "clinic-test-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_clusterDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"-R postgres:postgres {_clusterDir}");
        RunPg(asRoot, Path.Combine(bin, "initdb"), $"-D {_clusterDir}/data -U postgres --auth=trust -E UTF8 --no-sync");
        var port = 0;
        for (var attempt = 1; port == 0; attempt++)
        {
            // A port can be taken between probing and binding; try a few.
            var candidate = FreePort();
            try
            {
                RunPg(asRoot, Path.Combine(bin, "pg_ctl"),
                    $"-D {_clusterDir}/data -w -l {_clusterDir}/log -o \"-p {candidate} -k {_clusterDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start");
                port = candidate;
            }
            catch (InvalidOperationException) when (attempt < 5) { }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { RunPg(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {_clusterDir}/data -m immediate stop"); } catch (InvalidOperationException) { }
            try { Directory.Delete(_clusterDir, true); } catch (IOException) { }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static void RunPg(bool asRoot, string exe, string arguments)
    {
        if (asRoot) Run("runuser", $"-u postgres -- {exe} {arguments}");
        else Run(exe, arguments);
    }

    private static void Run(string exe, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExitAsync().GetAwaiter().GetResult();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} {arguments} failed: {error.Result}");
    }

    /// <summary>A free port below the ephemeral range, so client connections cannot take it first.</summary>
    private static int FreePort()
    {
        for (var i = 0; i < 200; i++)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException("No free port for the test PostgreSQL.");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Clinic.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (Clinic.sln).");
    }
}
