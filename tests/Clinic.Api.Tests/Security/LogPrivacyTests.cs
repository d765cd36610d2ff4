using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Clinic.Api.Tests.Security;

public sealed class LogPrivacyTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task FullJourney_LogsIdsButNeverNamesEmailsOrClinicalText()
    {
        const string first = "Quillon", second = "Marisabel", note = "Zephyrine-note: spoke of the attachment injury.";
        const string amendment = "Ophelian amendment text", goals = "Vantablack goals text";
        var (_, therapistEmail) = await factory.CreateTherapistAsync("ada.lovegood.7f3@clinic.test");
        var therapist = await factory.SignInAsync(therapistEmail, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync(first, second);
        var partner = await therapist.SignedInPartnerAsync(couple, 0);
        var session = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, note: note));
        var signed = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/sessions/{session.Id()}/sign",
            new { version = session["version"]!.GetValue<uint>() });
        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/amendments", new { text = amendment });
        var version = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["version"]!.GetValue<uint>();
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/couples/{couple.Id()}", new { version, goals });
        await partner.GetJsonAsync("/api/me");
        await factory.Anonymous().TryLoginAsync(couple["partners"]![1]!["email"]!.GetValue<string>(), "wrong-password-123");
        await therapist.GetAsync($"/api/couples/{couple.Id()}/sessions?pageSize=500");
        await partner.GetAsync($"/api/couples/{couple.Id()}");

        var secrets = new[]
        {
            first, second, "Reed", therapistEmail, couple["partners"]![0]!["email"]!.GetValue<string>(),
            couple["partners"]![1]!["email"]!.GetValue<string>(), "Zephyrine", "Ophelian", "Vantablack", "Frequent escalation",
            Accounts.Password,
        };
        factory.Logs.Lines.Should().NotBeEmpty();
        foreach (var secret in secrets)
            factory.Logs.Lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).Should().BeEmpty($"logs must not carry '{secret}'");
        signed["signedAt"].Should().NotBeNull();
    }
}

/// <summary>Swagger and the developer exception page: only Development shows Swagger; no environment shows internals.</summary>
public sealed class DevelopmentApiFactory : ClinicApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public sealed class ProductionApiFactory : ClinicApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

public sealed class SwaggerInDevelopmentTests(DevelopmentApiFactory factory) : IClassFixture<DevelopmentApiFactory>
{
    [Fact]
    public async Task Swagger_IsServedInDevelopment()
    {
        var response = await factory.Anonymous().GetAsync("/swagger/v1/swagger.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("/api/me/mfa/enrolment");
    }

    [Fact]
    public async Task ServerError_EvenInDevelopmentAndAskingForHtml_ShowsNoDeveloperPage() =>
        await ServerErrors.AssertNoInternalsAsync(factory);
}

public sealed class SwaggerInProductionTests(ProductionApiFactory factory) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task Swagger_IsNotServedInProduction()
    {
        var admin = await factory.AdminAsync();

        (await admin.GetAsync("/swagger/v1/swagger.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ServerError_InProduction_ShowsNoInternals() => await ServerErrors.AssertNoInternalsAsync(factory);
}

internal static class ServerErrors
{
    public static async Task AssertNoInternalsAsync(ClinicApiFactory factory)
    {
        var admin = await factory.AdminAsync();
        // Only the schema's owner may alter it; the app's own role cannot.
        await using (var connection = new NpgsqlConnection(factory.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("ALTER TABLE users RENAME COLUMN last_name TO last_name_gone", connection);
            await command.ExecuteNonQueryAsync();
        }

        var asJson = await admin.GetAsync("/api/admin/therapists");
        using var html = new HttpRequestMessage(HttpMethod.Get, "/api/admin/therapists");
        html.Headers.Authorization = new("Bearer", admin.AccessToken);
        html.Headers.Accept.ParseAdd("text/html");
        var asHtml = await admin.Http.SendAsync(html);

        foreach (var response in new[] { asJson, asHtml })
        {
            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            var text = await response.Content.ReadAsStringAsync();
            text.Should().NotContain("last_name_gone").And.NotContain("   at ").And.NotContain("Npgsql").And.NotContain("<html");
        }
    }
}
