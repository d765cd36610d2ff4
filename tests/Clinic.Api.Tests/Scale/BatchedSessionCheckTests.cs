using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Scale;

/// <summary>
/// The caseload, the couple dashboard and the couple list check the session and write their audit row in
/// the same database round trip as their reads. Ending a session still ends access at once, and the
/// audit trail is what it was.
/// </summary>
public sealed class BatchedSessionCheckTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>, IDisposable
{
    public static readonly TheoryData<string, string> Reads = new()
    {
        { "/api/dashboard/caseload", "dashboard.caseload" },
        { "/api/couples/{id}/dashboard", "dashboard.couple" },
        { "/api/couples?pageSize=25", "couple.list" },
    };

    private readonly DatabaseCalls _calls = new();

    public void Dispose() => _calls.Dispose();

    private async Task<long> AuditRowsAsync(Guid userId, string action)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events WHERE user_id = $1 AND action = $2", connection);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = action });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_IsOneRoundTrip_WithTheSessionCheckAndOneAuditRow(string path, string action)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var (response, calls) = await _calls.SendAsync(therapist, HttpMethod.Get, path.Replace("{id}", couple.Id().ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        calls.Should().ContainSingle("session check, audit row and reads travel in one batch")
            .Which.Sql.Should().Contain("auth_sessions").And.Contain("INSERT INTO audit_events").And.Contain("FROM couples");
        (await AuditRowsAsync(therapist.UserId, action)).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_AfterTheSessionIsRevoked_Is401_AndWritesNoAuditRow(string path, string action)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await (await factory.AdminAsync()).PostJsonAsync($"/api/admin/users/{therapist.UserId}/sessions/revoke", null, HttpStatusCode.OK);

        var response = await therapist.GetAsync(path.Replace("{id}", couple.Id().ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(couple["displayName"]!.GetValue<string>());
        (await AuditRowsAsync(therapist.UserId, action)).Should().Be(0);
    }

    [Fact]
    public async Task CoupleList_BadPageSize_Is400WithAnOpenSession_And401WithAnEndedOne()
    {
        var therapist = await factory.SignedInTherapistAsync();

        (await therapist.GetAsync("/api/couples?pageSize=1000")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await (await factory.AdminAsync()).PostJsonAsync($"/api/admin/users/{therapist.UserId}/sessions/revoke", null, HttpStatusCode.OK);
        (await therapist.GetAsync("/api/couples?pageSize=1000")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CoupleDashboard_OfAnotherTherapistsCouple_Is404_AuditedAsDenied_NotAsARead()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var other = await factory.SignedInTherapistAsync();

        var response = await other.GetAsync($"/api/couples/{couple.Id()}/dashboard");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AuditRowsAsync(other.UserId, "dashboard.couple")).Should().Be(0);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM audit_events WHERE user_id = $1 AND outcome = 'denied' AND resource_id = $2", connection);
        command.Parameters.Add(new() { Value = other.UserId });
        command.Parameters.Add(new() { Value = couple.Id() });
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task CoupleList_SearchStatusAndPages_AnswerAsBefore()
    {
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.CreateCoupleAsync("Mira", "Jon");
        await therapist.CreateCoupleAsync("Ola", "Pia");
        await therapist.CreateCoupleAsync("Ruth", "Eli");

        var byPartner = await therapist.GetJsonAsync("/api/couples?search=mira%20reed");
        var secondPage = await therapist.GetJsonAsync("/api/couples?pageSize=2&page=2");
        var pastTheEnd = await therapist.GetJsonAsync("/api/couples?pageSize=2&page=5");
        var closed = await therapist.GetJsonAsync("/api/couples?status=closed");
        var underscore = await therapist.GetJsonAsync("/api/couples?search=_");

        byPartner["total"]!.GetValue<int>().Should().Be(1);
        secondPage["items"]!.AsArray().Should().HaveCount(1);
        secondPage["total"]!.GetValue<int>().Should().Be(3);
        pastTheEnd["items"]!.AsArray().Should().BeEmpty();
        pastTheEnd["total"]!.GetValue<int>().Should().Be(3);
        closed["total"]!.GetValue<int>().Should().Be(0);
        underscore["total"]!.GetValue<int>().Should().Be(0, "_ is a literal, not a wildcard");
    }
}
