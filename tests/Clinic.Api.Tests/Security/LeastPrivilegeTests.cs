using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// The app connects as its own login (a member of clinic_app), never as the schema's owner: it can
/// read and write rows, and nothing more. The append-only tables refuse even their owner.
/// </summary>
public sealed class LeastPrivilegeTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task TheApp_ConnectsAsARoleThatOwnsNothing_AndIsNoSuperuser()
    {
        await using var command = factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), " +
            "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'USAGE')), " +
            "pg_has_role(current_user, 'clinic_app', 'MEMBER')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        reader.GetString(0).Should().Be(PostgresServer.AppLogin);
        reader.GetBoolean(1).Should().BeFalse();
        reader.GetInt64(2).Should().Be(0, "the app owns no table, so it can alter none");
        reader.GetBoolean(3).Should().BeTrue();
    }

    [Theory]
    [InlineData("TRUNCATE audit_events")]
    [InlineData("UPDATE audit_events SET detail = 'rewritten'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE couples")]
    [InlineData("TRUNCATE users CASCADE")]
    [InlineData("ALTER TABLE couples ADD COLUMN smuggled text")]
    [InlineData("ALTER TABLE audit_events DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER audit_events_no_update ON audit_events")]
    [InlineData("CREATE TABLE smuggled (id int)")]
    [InlineData("DELETE FROM couples")]
    // Tables made by migrations before 0012 (cycle maps, 0010) and the columns 0011 added.
    [InlineData("TRUNCATE cycle_maps CASCADE")]
    [InlineData("DELETE FROM cycle_map_versions")]
    [InlineData("DELETE FROM cycle_map_sides")]
    [InlineData("ALTER TABLE cycle_map_sides ADD COLUMN smuggled text")]
    [InlineData("ALTER TABLE session_amendments DROP COLUMN cycle_before")]
    public async Task TheAppsLogin_CannotChangeTheSchema_EmptyATable_OrRewriteTheAuditTrail(string sql)
    {
        await factory.AdminAsync(); // leaves an audit row

        var error = await Record.ExceptionAsync(() => RunAsync(factory.ConnectionString, sql));

        error.Should().BeOfType<PostgresException>().Which.SqlState.Should().BeOneOf(
            [PostgresErrorCodes.InsufficientPrivilege], $"{sql} must be refused to the app's role");
    }

    [Theory]
    [InlineData("TRUNCATE audit_events")]
    [InlineData("UPDATE audit_events SET detail = 'rewritten'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE risk_record_revisions")]
    public async Task TheAuditTrail_RefusesEvenItsOwner(string sql)
    {
        await factory.AdminAsync();

        var error = await Record.ExceptionAsync(() => RunAsync(factory.OwnerConnectionString, sql));

        error.Should().BeOfType<PostgresException>().Which.MessageText.Should().Contain("append-only");
    }

    /// <summary>
    /// Every table, whichever migration made it: the app's login reads and appends (the migrator's own
    /// table excepted), never empties one, and deletes only from the working tables listed here.
    /// </summary>
    [Fact]
    public async Task EveryTable_GivesTheAppRowsOnly_DeletingFromTheWorkingTablesAlone()
    {
        var privileges = await TablePrivilegesAsync(factory.ConnectionString, "pg_tables.tablename <> 'schema_migrations'");

        privileges.Keys.Should().Contain(["cycle_maps", "cycle_map_versions", "cycle_map_sides", "session_amendments", "session_drafts"]);
        privileges.Where(t => !t.Value.Select || !t.Value.Insert).Select(t => t.Key).Should().BeEmpty("the app reads and appends every table");
        privileges.Where(t => t.Value.Truncate || t.Value.References || t.Value.Trigger).Select(t => t.Key).Should().BeEmpty();
        privileges.Where(t => t.Value.Delete).Select(t => t.Key).Should().BeEquivalentTo(
            "user_tokens", "user_claims", "user_logins", "recovery_codes", // Identity's own working rows
            "cycle_records", "cycle_ratings",                             // an unsigned session's record, edited in place
            "session_drafts");                                             // kept notes: working copies, not records
        privileges.Where(t => t.Value.Update).Select(t => t.Key).Should().NotContain(["audit_events", "risk_record_revisions"]);
    }

    /// <summary>A table a later migration makes (as the owner) gets the app's row grants by default, and no more.</summary>
    [Fact]
    public async Task ATableALaterMigrationMakes_GetsRowGrantsByDefault_AndNoDeleteOrTruncate()
    {
        await using (var owner = new NpgsqlConnection(factory.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE later_table (id int PRIMARY KEY)", owner);
            await create.ExecuteNonQueryAsync();
        }

        var later = (await TablePrivilegesAsync(factory.ConnectionString, "pg_tables.tablename = 'later_table'"))["later_table"];

        later.Should().Be(new TablePrivileges(Select: true, Insert: true, Update: true, Delete: false, Truncate: false,
            References: false, Trigger: false));
    }

    private sealed record TablePrivileges(bool Select, bool Insert, bool Update, bool Delete, bool Truncate, bool References, bool Trigger);

    private static async Task<Dictionary<string, TablePrivileges>> TablePrivilegesAsync(string connectionString, string where)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT tablename, " + string.Join(", ", new[] { "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER" }
                .Select(p => $"has_table_privilege(current_user, 'public.' || quote_ident(tablename), '{p}')")) +
            $" FROM pg_tables WHERE schemaname = 'public' AND {where}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, TablePrivileges>();
        while (await reader.ReadAsync())
            result[reader.GetString(0)] = new TablePrivileges(reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3),
                reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7));
        return result;
    }

    [Fact]
    public async Task TheApp_StillWorks_AsThatRole()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CreateSessionAsync(couple);
        var partner = await therapist.SignedInPartnerAsync(couple, 0);

        (await partner.GetJsonAsync("/api/portal/me")).Should().NotBeNull();
        (await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}"))["items"]!.AsArray()
            .Should().NotBeEmpty("the app appends to the trail it cannot change");
    }

    private static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync();
        await tx.RollbackAsync();
    }
}
