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
