using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Agreements;

/// <summary>Issue 28 item 6: releases need every partner whose record they contain; revocable; expire; every export audited with the release id.</summary>
public sealed class ReleasesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private object Terms(string[] includes, Guid? partnerId = null, int expiresInDays = 90) => new
    {
        recipient = "Dr Rivera, family doctor", purpose = "Coordinating care", includes,
        from = "2026-01-01", to = "2026-12-31", expiresOn = factory.Today().AddDays(expiresInDays).Iso(), partnerId,
    };

    private static Task<JsonNode> CreateAsync(ApiClient therapist, JsonNode couple, object terms) =>
        therapist.PostJsonAsync($"/api/couples/{couple.Id()}/releases", terms);

    private static Task<HttpResponseMessage> ExportAsync(ApiClient therapist, JsonNode couple, JsonNode release, string format = "report") =>
        therapist.GetAsync($"/api/couples/{couple.Id()}/releases/{release.Id()}/export?format={format}");

    private static Task<HttpResponseMessage> SignAsync(ApiClient client, JsonNode release, string name) =>
        client.PostAsync($"/api/portal/releases/{release.Id()}/sign", new { typedName = name, agreeToSignElectronically = true });

    [Fact]
    public async Task AJointRelease_Is409UntilBothSign_ThenExportsOnlyWhatItIncludes_WithoutNotes_Audited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var session = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, "2026-03-02", note: "NOTE-MARKER private"));
        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        var release = await CreateAsync(therapist, couple, Terms(["sessions"]));

        var beforeAny = await ExportAsync(therapist, couple, release);
        (await SignAsync(a, release, couple.FullName(0))).StatusCode.Should().Be(HttpStatusCode.OK);
        var afterOne = await ExportAsync(therapist, couple, release);
        (await SignAsync(b, release, couple.FullName(1))).StatusCode.Should().Be(HttpStatusCode.OK);
        var export = await ExportAsync(therapist, couple, release);

        beforeAny.StatusCode.Should().Be(HttpStatusCode.Conflict);
        afterOne.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await afterOne.JsonAsync()).Text("detail").Should().Contain("Sam");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await export.Content.ReadAsStringAsync();
        text.Should().NotContain("NOTE-MARKER");
        var body = JsonNode.Parse(text)!;
        body["sessions"]!.AsArray().Should().ContainSingle();
        body["measures"].Should().BeNull();
        body["homework"].Should().BeNull();
        var audit = (await factory.AuditAsync(couple, "release.export"))["items"]!.AsArray();
        audit.Should().ContainSingle().Which!["resourceId"]!.GetValue<Guid>().Should().Be(release.Id());
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/releases"))["items"]![0]!.Text("status").Should().Be("authorised");
    }

    [Fact]
    public async Task AOnePartnerMeasuresRelease_NeedsOnlyThatPartner_AndIsInvisibleToTheOther()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(total: 6), "2026-03-01");
        await therapist.RecordAsync(couple, 1, "PHQ-9", AssessmentBuilders.Phq9(total: 9), "2026-03-01");
        var release = await CreateAsync(therapist, couple, Terms(["measures"], couple.PartnerId(0)));

        (await b.GetAsync($"/api/portal/releases/{release.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SignAsync(b, release, couple.FullName(1))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await b.GetJsonAsync("/api/portal/releases"))["items"]!.AsArray().Should().BeEmpty();
        (await SignAsync(a, release, couple.FullName(0))).StatusCode.Should().Be(HttpStatusCode.OK);
        var export = await ExportAsync(therapist, couple, release);
        var fhir = await ExportAsync(therapist, couple, release, "fhir");

        export.StatusCode.Should().Be(HttpStatusCode.OK);
        (await export.JsonAsync())["measures"]!.AsArray().Select(m => m!["partnerId"]!.GetValue<Guid>()).Should().Equal(couple.PartnerId(0));
        fhir.StatusCode.Should().Be(HttpStatusCode.OK);
        fhir.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        (await fhir.JsonAsync()).Text("resourceType").Should().Be("Bundle");
    }

    [Fact]
    public async Task ARevokedOrExpiredRelease_ExportsNothing()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var revoked = await CreateAsync(therapist, couple, Terms(["homework", "cycle_map"]));
        var expiring = await CreateAsync(therapist, couple, Terms(["sessions"], expiresInDays: 1));
        foreach (var release in new[] { revoked, expiring })
        {
            (await SignAsync(a, release, couple.FullName(0))).StatusCode.Should().Be(HttpStatusCode.OK);
            (await SignAsync(b, release, couple.FullName(1))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        (await ExportAsync(therapist, couple, revoked)).StatusCode.Should().Be(HttpStatusCode.OK);

        var revoke = await b.PostJsonAsync($"/api/portal/releases/{revoked.Id()}/revoke", new { reason = "Changed my mind." }, HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromDays(3));
        var therapistAgain = await factory.SignInAsync(email, Accounts.Password);

        revoke.Text("status").Should().Be("revoked");
        (await ExportAsync(therapistAgain, couple, revoked)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ExportAsync(therapistAgain, couple, expiring)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await factory.AuditAsync(couple, "portal.release.revoke"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task BadTerms_Are400NamingTheField_AndAnotherCaseloadIs404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}/releases";

        var nothing = await therapist.PostAsync(url, Terms([]));
        var unknown = await therapist.PostAsync(url, Terms(["diary"]));
        var onePartnerSessions = await therapist.PostAsync(url, Terms(["sessions"], couple.PartnerId(0)));
        var backwards = await therapist.PostAsync(url, new { recipient = "R", purpose = "P", includes = new[] { "sessions" }, from = "2026-05-01", to = "2026-01-01", expiresOn = factory.Today().AddDays(5).Iso() });
        var expired = await therapist.PostAsync(url, Terms(["sessions"], expiresInDays: -1));
        var farDate = await therapist.PostAsync(url, new { recipient = "R", purpose = "P", includes = new[] { "sessions" }, from = "0001-01-01", to = "2026-01-01", expiresOn = factory.Today().AddDays(5).Iso() });
        var release = await CreateAsync(therapist, couple, Terms(["sessions"]));
        var fhirWithoutMeasures = await ExportAsync(therapist, couple, release, "fhir");

        (await nothing.ErrorFieldsAsync()).Should().Equal("includes");
        (await unknown.ErrorFieldsAsync()).Should().ContainSingle().Which.Should().StartWith("includes");
        (await onePartnerSessions.ErrorFieldsAsync()).Should().Equal("partnerId");
        (await backwards.ErrorFieldsAsync()).Should().Equal("to");
        (await expired.ErrorFieldsAsync()).Should().Equal("expiresOn");
        (await farDate.ErrorFieldsAsync()).Should().Equal("from");
        fhirWithoutMeasures.StatusCode.Should().Be(HttpStatusCode.Conflict, "not signed yet comes first");
        (await other.GetAsync($"{url}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"{url}/{release.Id()}/export")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync(url, Terms(["sessions"]))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private object MessageTerms(string[] includes, Guid? partnerId = null, int toDaysFromToday = 1) => new
    {
        recipient = "Dr Rivera, family doctor", purpose = "Coordinating care", includes,
        from = factory.Today().AddDays(-30).Iso(), to = factory.Today().AddDays(toDaysFromToday).Iso(),
        expiresOn = factory.Today().AddDays(90).Iso(), partnerId,
    };

    private static async Task<(JsonNode Couple, ApiClient A, ApiClient B, MessagingBuilders.Threads T)> CoupleWithMessagesAsync(ApiClient therapist)
    {
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        await a.WriteAsync(t.Joint, "JOINT-MSG we tried the exercise");
        await a.WriteAsync(t.PrivateA, "PRIVATE-A-MSG only for my therapist");
        await therapist.WriteAsync(t.PrivateA, "PRIVATE-A-REPLY thank you");
        await b.WriteAsync(t.PrivateB, "PRIVATE-B-MSG only for my therapist");
        return (couple, a, b, t);
    }

    [Fact]
    public async Task AJointMessagesRelease_CarriesTheJointThreadOnly_NeverAPrivateOne_AndAuditsTheThreadRead()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var (couple, a, b, t) = await CoupleWithMessagesAsync(therapist);
        var release = await CreateAsync(therapist, couple, MessageTerms(["messages", "sessions"]));
        (await SignAsync(a, release, couple.FullName(0))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignAsync(b, release, couple.FullName(1))).StatusCode.Should().Be(HttpStatusCode.OK);

        var export = await ExportAsync(therapist, couple, release);

        export.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await export.Content.ReadAsStringAsync();
        text.Should().Contain("JOINT-MSG").And.NotContain("PRIVATE-A").And.NotContain("PRIVATE-B");
        var threads = JsonNode.Parse(text)!["messages"]!.AsArray();
        threads.Should().ContainSingle().Which!["threadId"]!.GetValue<Guid>().Should().Be(t.Joint);
        (await a.GetJsonAsync($"/api/portal/releases/{release.Id()}")).Text("text").Should().Contain("the messages of the joint thread");
        var audit = (await factory.AuditAsync(couple, "message.release"))["items"]!.AsArray();
        audit.Should().ContainSingle().Which!["resourceId"]!.GetValue<Guid>().Should().Be(t.Joint);
        audit[0]!.Text("detail").Should().Contain(release.Id().ToString()).And.Contain("1 messages");
        (await factory.AuditAsync(couple, "release.export"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task APartnersMessagesRelease_CarriesOnlyTheirOwnPrivateThread_NeverTheOtherPartnersOrTheJointThread()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var (couple, a, b, t) = await CoupleWithMessagesAsync(therapist);
        var ofA = await CreateAsync(therapist, couple, MessageTerms(["messages", "measures"], couple.PartnerId(0)));
        var ofB = await CreateAsync(therapist, couple, MessageTerms(["messages"], couple.PartnerId(1)));
        (await SignAsync(a, ofA, couple.FullName(0))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignAsync(b, ofB, couple.FullName(1))).StatusCode.Should().Be(HttpStatusCode.OK);

        var exportA = await (await ExportAsync(therapist, couple, ofA)).Content.ReadAsStringAsync();
        var exportB = await (await ExportAsync(therapist, couple, ofB)).Content.ReadAsStringAsync();

        exportA.Should().Contain("PRIVATE-A-MSG").And.Contain("PRIVATE-A-REPLY").And.NotContain("PRIVATE-B").And.NotContain("JOINT-MSG");
        JsonNode.Parse(exportA)!["messages"]!.AsArray().Should().ContainSingle().Which!["threadId"]!.GetValue<Guid>().Should().Be(t.PrivateA);
        exportB.Should().Contain("PRIVATE-B-MSG").And.NotContain("PRIVATE-A").And.NotContain("JOINT-MSG");
        JsonNode.Parse(exportB)!["messages"]!.AsArray().Should().ContainSingle().Which!["threadId"]!.GetValue<Guid>().Should().Be(t.PrivateB);
        (await a.GetJsonAsync($"/api/portal/releases/{ofA.Id()}")).Text("text").Should().Contain("Alex's private messages with the therapist");
        (await factory.AuditAsync(couple, "message.release"))["items"]!.AsArray().Select(e => e!["resourceId"]!.GetValue<Guid>())
            .Should().BeEquivalentTo([t.PrivateA, t.PrivateB]);
    }

    [Fact]
    public async Task AMessagesRelease_CarriesOnlyMessagesOfItsPeriod_AndOnePartnersSessionsStay400()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var (couple, a, b, _) = await CoupleWithMessagesAsync(therapist);
        var before = await CreateAsync(therapist, couple, MessageTerms(["messages"], toDaysFromToday: -2));
        (await SignAsync(a, before, couple.FullName(0))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignAsync(b, before, couple.FullName(1))).StatusCode.Should().Be(HttpStatusCode.OK);

        var export = await (await ExportAsync(therapist, couple, before)).JsonAsync();
        var mixed = await therapist.PostAsync($"/api/couples/{couple.Id()}/releases", MessageTerms(["messages", "homework"], couple.PartnerId(0)));

        export["messages"]!.AsArray().Should().ContainSingle().Which!["messages"]!.AsArray().Should().BeEmpty("every message came after the period");
        (await mixed.ErrorFieldsAsync()).Should().Equal("partnerId");
    }
}
