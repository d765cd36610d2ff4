using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Schema;

/// <summary>A server fault answers 500 problem details with a correlation id and no internals.</summary>
public sealed class ServerErrorTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task UnexpectedFailure_Returns500ProblemWithCorrelationIdAndNoStackTrace()
    {
        var admin = await factory.AdminAsync();
        // Break the schema under the running app: the next read fails in a way no handler expects.
        // Only the schema's owner may alter it; the app's own role cannot.
        await using (var connection = new NpgsqlConnection(factory.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("ALTER TABLE users RENAME COLUMN first_name TO first_name_gone", connection);
            await command.ExecuteNonQueryAsync();
        }

        var response = await admin.GetAsync("/api/admin/therapists");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.JsonAsync();
        problem["correlationId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        text.Should().NotContain("first_name_gone").And.NotContain("   at ").And.NotContain("Npgsql");
        // The exception handler replaced the response; the hardening headers are still there.
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}

public sealed class HealthAndHeadersTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task HealthEndpoints_AnswerWithoutSignIn()
    {
        var client = factory.Anonymous();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiResponses_CarryHardeningHeaders()
    {
        var response = await factory.Anonymous().GetAsync("/api/me");

        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.NotContain("script-src 'self' 'unsafe-inline'");
    }

    [Fact]
    public async Task UnknownApiRoute_Returns404_NotTheWebApp()
    {
        var response = await (await factory.AdminAsync()).GetAsync("/api/no-such-thing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeepLinkIntoTheWebApp_ServesIndexHtml()
    {
        var response = await factory.Anonymous().GetAsync("/couples/123/sessions/new");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task WebAppScripts_AreServedAsJavaScript_NotAsTheFallbackPage()
    {
        var response = await factory.Anonymous().GetAsync("/main-TEST.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await response.Content.ReadAsStringAsync()).Should().Contain("clinic");
    }

    [Fact]
    public async Task RequestBodyOver1MB_Returns413()
    {
        var big = "{\"email\":\"" + new string('a', 1024 * 1024) + "\",\"password\":\"x\"}";

        var response = await factory.Anonymous().PostAsync("/api/auth/login", big);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}
