using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Agreements;

/// <summary>Issue 28 item 1: the practice's documents, Markdown, versioned, a published version never changing.</summary>
public sealed class DocumentsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private async Task<System.Text.Json.Nodes.JsonNode> DocumentAsync(string kind)
    {
        await factory.PublishDocumentsAsync();
        var admin = await factory.AdminAsync();
        return (await admin.GetJsonAsync("/api/admin/documents"))["items"]!.AsArray().Single(d => d!.Text("kind") == kind)!;
    }

    [Fact]
    public async Task CreateDocument_PublishesVersion1()
    {
        var consent = await DocumentAsync("consent");

        consent["currentVersion"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        consent["versions"]!.AsArray().Last()!["number"]!.GetValue<int>().Should().Be(1);
        (await factory.ScalarAsync<string>($"SELECT body FROM document_versions WHERE document_id = '{consent.Id()}' AND number = 1"))
            .Should().Be(AgreementBuilders.ConsentBody);
    }

    [Fact]
    public async Task AVersion_CarriesTheSha256OfItsText_AndSafeHtml()
    {
        var document = await DocumentAsync("telehealth_consent");
        var admin = await factory.AdminAsync();
        var body = "# Telehealth\n\nJoin from a **private** place.\n\n<script>alert(1)</script>\n\n[site](javascript:alert(1))\n";

        var published = await admin.PostJsonAsync($"/api/admin/documents/{document.Id()}/versions",
            new { basedOnVersion = document["currentVersion"]!.GetValue<int>(), title = "Video sessions", body });

        var current = published["current"]!;
        current.Text("body").Should().Be(body);
        current.Text("bodySha256").Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        current.Text("html").Should().Contain("<strong>private</strong>").And.NotContain("<script").And.NotContain("javascript:");
    }

    [Fact]
    public async Task NewVersion_KeepsThePublishedOne_AsItWas_AndAStaleBaseIs409()
    {
        var created = await DocumentAsync("release");
        var admin = await factory.AdminAsync();
        var url = $"/api/admin/documents/{created.Id()}/versions";
        var read = created["currentVersion"]!.GetValue<int>();
        var before = created["current"]!.Text("body");

        var next = await admin.PostJsonAsync(url, new { basedOnVersion = read, title = "Release of information", body = "Newer wording." });
        var stale = await admin.PostAsync(url, new { basedOnVersion = read, title = "Release", body = "From an old screen." });

        next["currentVersion"]!.GetValue<int>().Should().Be(read + 1);
        next["current"]!.Text("body").Should().Be("Newer wording.");
        next["versions"]!.AsArray()[0]!["number"]!.GetValue<int>().Should().Be(read + 1);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var again = await admin.GetJsonAsync($"/api/admin/documents/{created.Id()}");
        again["current"]!.Text("body").Should().Be("Newer wording.");
        again.Text("title").Should().Be("Release of information");
        (await factory.ScalarAsync<string>($"SELECT body FROM document_versions WHERE document_id = '{created.Id()}' AND number = {read}"))
            .Should().Be(before, "a published version never changes");
    }

    [Fact]
    public async Task APublishedVersion_CannotBeChangedEvenInTheDatabase_ByTheAppRole()
    {
        await factory.PublishDocumentsAsync();

        var act = () => factory.ScalarAsync<object>("UPDATE document_versions SET body = 'changed' RETURNING 1");

        await act.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.SqlState == "42501");
    }

    [Fact]
    public async Task ASecondDocumentOfAKind_Is409()
    {
        await factory.PublishDocumentsAsync();
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/admin/documents", new { kind = "consent", title = "Another consent", body = "Text." });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"kind":"contract","title":"T","body":"B"}""", "kind")]
    [InlineData("""{"kind":"consent","title":"T","body":""}""", "body")]
    [InlineData("""{"kind":"consent","title":"","body":"B"}""", "title")]
    [InlineData("""{"kind":"consent","title":"T","body":"B\u0000C"}""", "body")]
    [InlineData("""{}""", "kind")]
    public async Task CreateDocument_WithBadInput_Is400NamingTheField(string json, string field)
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/admin/documents", json);

        (await response.ErrorFieldsAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task OversizeMarkdown_Is400NamingBody_AndAMissingBaseVersionIs400()
    {
        await factory.PublishDocumentsAsync();
        var admin = await factory.AdminAsync();
        var consent = (await admin.GetJsonAsync("/api/admin/documents"))["items"]!.AsArray().Single(d => d!.Text("kind") == "consent")!;

        var oversize = await admin.PostAsync($"/api/admin/documents/{consent.Id()}/versions",
            new { basedOnVersion = consent["currentVersion"]!.GetValue<int>(), title = "Consent", body = new string('x', 100_001) });
        var noBase = await admin.PostAsync($"/api/admin/documents/{consent.Id()}/versions", new { title = "Consent", body = "Text." });
        var unknown = await admin.PostAsync($"/api/admin/documents/{Guid.NewGuid()}/versions", new { basedOnVersion = 1, title = "T", body = "B" });

        (await oversize.ErrorFieldsAsync()).Should().Equal("body");
        (await noBase.ErrorFieldsAsync()).Should().Equal("basedOnVersion");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATherapist_MayNotManageDocuments()
    {
        var therapist = await factory.SignedInTherapistAsync();

        (await therapist.GetAsync("/api/admin/documents")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await therapist.PostAsync("/api/admin/documents", new { kind = "consent", title = "T", body = "B" })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
    }
}
