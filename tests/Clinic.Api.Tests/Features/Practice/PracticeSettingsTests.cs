using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Practice;

/// <summary>
/// The practice's settings: one versioned record that only an admin reads and writes; the body of its
/// GET goes back to its PUT as it is; the crisis text it holds reaches every partner as safe HTML.
/// </summary>
public sealed class PracticeSettingsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private const string Url = "/api/admin/practice";

    [Fact]
    public async Task Get_AnswersTheOneRecord_WithAVersion_AndACrisisText()
    {
        var admin = await factory.AdminAsync();

        var settings = await admin.GetJsonAsync(Url);

        settings["version"]!.GetValue<uint>().Should().BeGreaterThan(0);
        settings.Text("crisisResources").Should().NotBeNullOrWhiteSpace("a new practice starts with a default text");
        settings.AsObject().Select(p => p.Key).Should().BeEquivalentTo("version", "crisisResources", "retentionYears", "messagingEnabled", "messagingNotice", "updatedAt");
    }

    [Fact]
    public async Task GetBody_SentBackToPut_IsAccepted_AndAChangeIsStored_WithANewVersion_AndAudited()
    {
        var admin = await factory.AdminAsync();
        var read = await admin.GetJsonAsync(Url);

        var unchanged = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url, read.ToJsonString());
        read["crisisResources"] = "Call **999** now if you are in danger.\n\nSamaritans: [116 123](tel:116123)";
        var changed = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url, read.ToJsonString());

        unchanged["version"]!.GetValue<uint>().Should().Be(read["version"]!.GetValue<uint>());
        changed.Text("crisisResources").Should().StartWith("Call **999** now");
        changed["version"]!.GetValue<uint>().Should().NotBe(read["version"]!.GetValue<uint>());
        changed["updatedAt"].Should().NotBeNull();
        (await admin.GetJsonAsync(Url)).ToJsonString().Should().Be(changed.ToJsonString());
        var audit = await admin.GetJsonAsync("/api/admin/audit?action=practice.settings.update");
        audit["items"]!.AsArray().Should().NotBeEmpty();
        // And the body of this GET, now with an updatedAt, goes back too.
        await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url, (await admin.GetJsonAsync(Url)).ToJsonString());
    }

    [Fact]
    public async Task Put_WithAnOlderVersion_Is409_AndChangesNothing()
    {
        var admin = await factory.AdminAsync();
        var read = await admin.GetJsonAsync(Url);
        await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url,
            new { version = read["version"]!.GetValue<uint>(), crisisResources = $"First save {Guid.NewGuid():N}." });

        var stale = await admin.PutAsync(Url, new { version = read["version"]!.GetValue<uint>(), crisisResources = "Second save." });

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await admin.GetJsonAsync(Url)).Text("crisisResources").Should().StartWith("First save");
    }

    [Fact]
    public async Task Put_BadValues_Are400NamingTheField()
    {
        var admin = await factory.AdminAsync();
        var read = await admin.GetJsonAsync(Url);
        var version = read["version"]!.GetValue<uint>();

        var noVersion = await admin.PutAsync(Url, new { crisisResources = "Call 999." });
        var blank = await admin.PutAsync(Url, new { version, crisisResources = "   " });
        var tooLong = await admin.PutAsync(Url, new { version, crisisResources = new string('x', 2001) });
        var changedReadOnly = await admin.PutAsync(Url, new { version, updatedAt = "2001-01-01T00:00:00+00:00" });
        var unknown = await admin.PutAsync(Url, new { version, practiceName = "Not a setting" });

        (await noVersion.ErrorFieldsAsync()).Should().Equal("version");
        (await blank.ErrorFieldsAsync()).Should().Equal("crisisResources");
        (await tooLong.ErrorFieldsAsync()).Should().Equal("crisisResources");
        (await changedReadOnly.ErrorFieldsAsync()).Should().Equal("updatedAt");
        (await unknown.ErrorFieldsAsync()).Should().Equal("practiceName");
    }

    [Fact]
    public async Task OnlyAnAdmin_ReadsOrWritesThem()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);

        foreach (var caller in new[] { therapist, client })
        {
            (await caller.GetAsync(Url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await caller.PutAsync(Url, new { version = 1, crisisResources = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        (await factory.Anonymous().GetAsync(Url)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CrisisResources_ReachEveryPartner_AsMarkdownAndSafeHtml()
    {
        var admin = await factory.AdminAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var version = (await admin.GetJsonAsync(Url))["version"]!.GetValue<uint>();
        const string text = "**In danger now?** Call [911](tel:911).\n\n<script>alert(1)</script> [click](javascript:alert(2)) " +
                            "[Samaritans](https://www.samaritans.org)";
        await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Url, new { version, crisisResources = text });

        var crisis = await client.GetJsonAsync("/api/portal/crisis-resources");

        crisis.Text("markdown").Should().Be(text);
        var html = crisis.Text("html");
        html.Should().Contain("<strong>In danger now?</strong>").And.Contain("<a href=\"tel:911\">911</a>")
            .And.Contain("<a href=\"https://www.samaritans.org\">Samaritans</a>");
        html.Should().NotContain("<script").And.NotContain("javascript:");
        html.Should().Contain("&lt;script&gt;", "raw HTML is shown as text, never run");
        (await therapist.GetAsync("/api/portal/crisis-resources")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
