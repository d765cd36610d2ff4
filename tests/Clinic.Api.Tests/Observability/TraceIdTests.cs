using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Observability;

/// <summary>An error a user quotes leads to its log lines: problem details and logs share the trace id.</summary>
public sealed class TraceIdTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ServerError_ProblemTraceId_IsTheW3CTraceIdInTheErrorsLogLine()
    {
        var admin = await factory.AdminAsync();
        // Only the schema's owner may alter it; the app's own role cannot.
        await using (var connection = new NpgsqlConnection(factory.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("ALTER TABLE users RENAME COLUMN last_name TO last_name_gone", connection);
            await command.ExecuteNonQueryAsync();
        }

        var response = await admin.GetAsync("/api/admin/therapists");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var traceId = (await response.JsonAsync())["traceId"]!.GetValue<string>();
        traceId.Should().MatchRegex("^[0-9a-f]{32}$");
        factory.Logs.Lines.Should().Contain(l => l.StartsWith("Error ") && l.Contains("Unhandled error") && l.Contains($"TraceId:{traceId}"));
    }

    [Fact]
    public async Task NotFound_ProblemCarriesATraceId()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync($"/api/admin/therapists/{Guid.NewGuid()}/deactivate", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.JsonAsync())["traceId"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
    }
}
