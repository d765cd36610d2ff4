using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace Clinic.Api.Tests.Contract;

/// <summary>
/// The web app's API types are generated from web/src/app/core/api/openapi.json. This keeps that
/// file equal to what the API describes; regenerate with `CLINIC_UPDATE_OPENAPI=1 make test-api`
/// (or `dotnet test --filter OpenApiDocumentTests`) and then `npm run api:types` in web/.
/// </summary>
public sealed class OpenApiDocumentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static string CommittedPath => Path.Combine(PostgresServer.RepoRoot, "web", "src", "app", "core", "api", "openapi.json");

    [Fact]
    public async Task CommittedOpenApiDocument_MatchesTheApi()
    {
        var document = factory.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        var json = (await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0)).ReplaceLineEndings("\n") + "\n";

        if (Environment.GetEnvironmentVariable("CLINIC_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(CommittedPath, json);

        File.Exists(CommittedPath).Should().BeTrue("the web app's API types are generated from it");
        (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n").Should().Be(json,
            "the API changed: run with CLINIC_UPDATE_OPENAPI=1 and regenerate the web types");
    }

    [Fact]
    public void EveryOperation_HasAnOperationIdAndSummary()
    {
        var document = factory.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");

        var operations = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value))).ToList();

        operations.Should().NotBeEmpty();
        operations.Where(o => string.IsNullOrEmpty(o.Operation.OperationId) || string.IsNullOrEmpty(o.Operation.Summary))
            .Select(o => $"{o.Method} {o.Path}").Should().BeEmpty();
    }

    [Fact]
    public void Schemas_SayWhatTheWireCarries_EnumWordsNullsAndRequiredProperties()
    {
        var schemas = factory.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1").Components!.Schemas!;

        schemas["Attendance"].Enum!.Select(e => e.ToString()).Should().Equal("both", "partner_a", "partner_b", "cancelled", "no_show");
        var couple = schemas["CoupleDto"];
        couple.Required.Should().Contain(["displayName", "closedOn", "partners"], "a response carries every property, null included");
        couple.Properties!["displayName"].Type.Should().Be(JsonSchemaType.String);
        couple.Properties["closedOn"].Type.Should().Be(JsonSchemaType.String | JsonSchemaType.Null);
        var assessment = schemas["AssessmentDto"].Properties!;
        assessment["quadrant"].AllOf.Should().ContainSingle().Which.Should().BeOfType<OpenApiSchemaReference>();
        assessment["quadrant"].Type.Should().Be(JsonSchemaType.Null, "a quadrant is null when the instrument has none");
        schemas["UpdateCoupleCommand"].Required.Should().BeEmpty("a client may leave out any nullable property of a request");
        schemas["LoginCommand"].Required.Should().BeEquivalentTo(["email", "password"]);
    }

    [Fact]
    public void TheSafetyConfirmation_HasOneName_OnEveryRequestThatTakesIt()
    {
        var schemas = factory.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1").Components!.Schemas!;

        // Requests only: a response may report a past confirmation (ClosingSummaryDto.safetyConfirmed).
        var fields = schemas.Where(s => !s.Key.EndsWith("Dto", StringComparison.Ordinal))
            .SelectMany(s => (s.Value.Properties?.Keys ?? []).Where(k => k.Contains("safety", StringComparison.OrdinalIgnoreCase)
                && k.Contains("confirm", StringComparison.OrdinalIgnoreCase)).Select(k => $"{s.Key}.{k}"))
            .ToList();

        fields.Should().Contain(["AssignHomeworkCommand.confirmSafety", "BookAppointmentCommand.confirmSafety"]);
        fields.Should().OnlyContain(f => f.EndsWith(".confirmSafety"), "one name for the safety confirmation across routes");
    }
}
