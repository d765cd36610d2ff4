using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Scale;

/// <summary>
/// ConnectionStrings:ClinicReadOnly set, as with a streaming standby. Here it is the same database in
/// read-only transactions (default_transaction_read_only), so a write routed to it would fail.
/// </summary>
public sealed class StandbyApiFactory : ClinicApiFactory
{
    protected override string? ReadOnlyConnectionString =>
        ConnectionString + ";Options=-c default_transaction_read_only=on";
}

public sealed class ReadRoutingTests(StandbyApiFactory factory) : IClassFixture<StandbyApiFactory>, IDisposable
{
    private readonly DatabaseCalls _calls = new();

    public void Dispose() => _calls.Dispose();

    private static IEnumerable<string> Pools(IEnumerable<(string DataSource, string Sql)> calls) => calls.Select(c => c.DataSource).Distinct();

    [Theory]
    [InlineData("/api/dashboard/caseload")]
    [InlineData("/api/couples?pageSize=25")]
    [InlineData("/api/couples/{id}/dashboard")]
    public async Task LagTolerantReads_ReadTheStandby_AndWriteTheirAuditRowOnThePrimary(string path)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var (response, calls) = await _calls.SendAsync(therapist, HttpMethod.Get, path.Replace("{id}", couple.Id().ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        calls.Where(c => c.DataSource == "clinic-read-only").Should().NotBeEmpty("the data comes from the standby")
            .And.OnlyContain(c => !c.Sql.Contains("INSERT") && !c.Sql.Contains("UPDATE"));
        calls.Where(c => c.DataSource == "clinic").Should().Contain(c => c.Sql.Contains("INSERT INTO audit_events"),
            "the audit row is written on the primary");
        calls.Where(c => c.DataSource == "clinic" && !c.Sql.Contains("audit_events"))
            .Should().NotContain(c => c.Sql.Contains("FROM couples") || c.Sql.Contains("FROM sessions"),
                "no data read goes to the primary (only the session check and the audit row)");
    }

    [Fact]
    public async Task Writes_AndTheReadAfterAWrite_StayOnThePrimary()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var (created, createCalls) = await _calls.SendAsync(therapist, HttpMethod.Post, "/api/couples", Caseload.NewCouple());
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).Id();
        var (read, readCalls) = await _calls.SendAsync(therapist, HttpMethod.Get, $"/api/couples/{id}");
        var (session, sessionCalls) = await _calls.SendAsync(therapist, HttpMethod.Post, $"/api/couples/{id}/sessions",
            Caseload.NewSession(await read.JsonAsync()));

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        session.StatusCode.Should().Be(HttpStatusCode.Created);
        Pools(createCalls).Should().Equal("clinic");
        Pools(readCalls).Should().Equal("clinic");
        Pools(sessionCalls).Should().Equal("clinic");
    }

    [Fact]
    public async Task SignIn_StaysOnThePrimary()
    {
        var (_, email) = await factory.CreateTherapistAsync();

        var (response, calls) = await _calls.SendAsync(factory.Anonymous(), HttpMethod.Post, "/api/auth/login",
            new { email, password = Accounts.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Pools(calls).Should().Equal("clinic");
    }
}

/// <summary>Without ConnectionStrings:ClinicReadOnly every read uses the primary, as before.</summary>
public sealed class NoStandbyRoutingTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>, IDisposable
{
    private readonly DatabaseCalls _calls = new();

    public void Dispose() => _calls.Dispose();

    [Theory]
    [InlineData("/api/dashboard/caseload")]
    [InlineData("/api/couples?pageSize=25")]
    [InlineData("/api/couples/{id}/dashboard")]
    public async Task LagTolerantReads_UseThePrimary_WhenNoStandbyIsConfigured(string path)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var (response, calls) = await _calls.SendAsync(therapist, HttpMethod.Get, path.Replace("{id}", couple.Id().ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        calls.Should().NotBeEmpty().And.OnlyContain(c => c.DataSource == "clinic");
        calls.Should().Contain(c => c.Sql.Contains("couples"));
    }
}

/// <summary>
/// The read-only string demands a standby and none answers (here: the only host is a primary), as for a
/// moment in a failover: Npgsql finds "no suitable host", which is the database being unavailable.
/// </summary>
public sealed class NoSuitableHostApiFactory : ClinicApiFactory
{
    protected override string? ReadOnlyConnectionString
    {
        get
        {
            // Target Session Attributes needs a host list: the same primary twice.
            var standbyOnly = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { TargetSessionAttributes = "standby" };
            standbyOnly.Host = $"{standbyOnly.Host},{standbyOnly.Host}";
            return standbyOnly.ConnectionString;
        }
    }
}

public sealed class NoSuitableHostTests(NoSuitableHostApiFactory factory) : IClassFixture<NoSuitableHostApiFactory>
{
    [Fact]
    public async Task RoutedRead_WithNoSuitableHost_Answers503ProblemDetails_NotA500()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.GetAsync("/api/dashboard/caseload");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.JsonAsync())["status"]!.GetValue<int>().Should().Be(503);
    }
}
