using System.Net;
using Clinic.Api.Features.Admin;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Security;

public sealed class AuditExportTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task AuditCsv_StreamsFilteredRowsWithHeader_AndIsItselfAudited()
    {
        var (id, _) = await factory.CreateTherapistAsync();
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync($"/api/admin/audit.csv?action=admin.therapist_create");
        var csv = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("id,occurredAt,userId,role,action,resourceType,resourceId,coupleId,clientAddress,outcome,detail,userName,coupleName");
        lines.Skip(1).Should().OnlyContain(l => l.Contains(",admin.therapist_create,"));
        lines.Should().Contain(l => l.Contains(id.ToString()));
        var trail = await admin.GetJsonAsync("/api/admin/audit?action=admin.audit_export");
        trail["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task AuditCsv_NeutralisesFormulas_AndQuotesPerRfc4180()
    {
        // A denied request records its path in detail: a caller chooses that text.
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.GetAsync($"/api/couples/{Guid.NewGuid()}");

        AuditCsv.Cell("=HYPERLINK(\"http://x\")").Should().Be("\"'=HYPERLINK(\"\"http://x\"\")\"");
        AuditCsv.Cell("+1").Should().Be("'+1");
        AuditCsv.Cell("-2").Should().Be("'-2");
        AuditCsv.Cell("@SUM(A1)").Should().Be("'@SUM(A1)");
        AuditCsv.Cell("a,b").Should().Be("\"a,b\"");
        AuditCsv.Cell("line\nbreak").Should().Be("\"line\nbreak\"");
        AuditCsv.Cell("plain").Should().Be("plain");
        // Issue 26: a formula after a ; or , (a spreadsheet splitting there would start a cell with it).
        AuditCsv.Cell("ok;=HYPERLINK(1)").Should().Be("\"'ok;=HYPERLINK(1)\"");
        AuditCsv.Cell("ok, @SUM(A1)").Should().Be("\"'ok, @SUM(A1)\"");
        AuditCsv.Cell("chores; phone").Should().Be("chores; phone", "a ; alone starts no formula");
        var admin = await factory.AdminAsync();
        var csv = await (await admin.GetAsync($"/api/admin/audit.csv?userId={therapist.UserId}")).Content.ReadAsStringAsync();
        csv.Should().Contain(",denied,/api/couples/");
    }

    [Fact]
    public async Task RoleRefusal_BeforeAnyHandler_IsAuditedAsDenied()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var partner = await therapist.SignedInPartnerAsync(couple, 0);

        (await partner.GetAsync("/api/couples")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await therapist.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var admin = await factory.AdminAsync();
        string[] Denials(System.Text.Json.Nodes.JsonNode trail) => trail["items"]!.AsArray()
            .Where(e => e!["outcome"]!.GetValue<string>() == "denied").Select(e => e!["detail"]!.GetValue<string>()).ToArray();
        Denials(await admin.GetJsonAsync($"/api/admin/audit?userId={partner.UserId}")).Should().Contain("/api/couples");
        Denials(await admin.GetJsonAsync($"/api/admin/audit?userId={therapist.UserId}")).Should().Contain("/api/admin/therapists");
    }

    [Fact]
    public async Task AuditCsv_ForNonAdmins_Is403_AndBadFilterIs400()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var admin = await factory.AdminAsync();

        (await therapist.GetAsync("/api/admin/audit.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Anonymous().GetAsync("/api/admin/audit.csv")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await admin.GetAsync("/api/admin/audit.csv?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).ErrorFieldsAsync())
            .Should().Equal("to");
    }
}

public sealed class DatabaseRoleTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Theory]
    [InlineData("UPDATE audit_events SET detail = 'changed'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task AppRole_CannotChangeOrRemoveAuditRows(string sql)
    {
        await factory.AdminAsync(); // a login leaves an audit row

        var error = await Record.ExceptionAsync(() => AsAppRole(sql));

        error.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task AppRole_CanAppendAndReadAudit_AndWriteApplicationTables()
    {
        await AsAppRole("""
            INSERT INTO audit_events (occurred_at, action, resource_type, outcome) VALUES (now(), 'test.append', 'test', 'allowed');
            SELECT count(*) FROM audit_events;
            UPDATE users SET concurrency_stamp = concurrency_stamp;
            """);

        var error = await Record.ExceptionAsync(() => AsAppRole("DELETE FROM couples"));
        error.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege,
            "nothing clinical is hard-deleted, so the app role has no DELETE on clinical tables");
    }

    private async Task AsAppRole(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var role = new NpgsqlCommand("SET LOCAL ROLE clinic_app", connection, tx)) await role.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync();
        await tx.RollbackAsync();
    }
}
