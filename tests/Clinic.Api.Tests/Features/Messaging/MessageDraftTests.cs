using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Messaging;

/// <summary>Issue 31 item 7: the composer's unsent message is kept on the server, per thread and account.</summary>
public sealed class MessageDraftTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ADraft_IsKeptPerThreadAndAccount_RoundTripsFromItsGet_AndIsSpentBySending()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        var aPath = $"/api/portal/threads/{t.PrivateA}/draft";

        var empty = await a.GetJsonAsync(aPath);
        empty["body"]!.GetValue<string>().Should().BeEmpty();
        empty["savedAt"].Should().BeNull();

        var saved = await a.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, aPath, new { body = "We had a bad week and" });
        saved["savedAt"].Should().NotBeNull();
        var read = await a.GetJsonAsync(aPath);
        read["body"]!.GetValue<string>().Should().Be("We had a bad week and");
        read["savedAt"]!.GetValue<DateTimeOffset>().Should().Be(saved["savedAt"]!.GetValue<DateTimeOffset>());
        (await a.PutAsync(aPath, read)).StatusCode.Should().Be(HttpStatusCode.OK, "a GET's body sent back to its PUT works");

        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/threads/{t.PrivateA}/draft", new { body = "Thank you for" });
        (await therapist.GetJsonAsync($"/api/threads/{t.PrivateA}/draft"))["body"]!.GetValue<string>().Should().Be("Thank you for");
        (await a.GetJsonAsync(aPath))["body"]!.GetValue<string>().Should().Be("We had a bad week and", "each account has its own draft");
        (await a.GetJsonAsync($"/api/portal/threads/{t.Joint}/draft"))["body"]!.GetValue<string>().Should().BeEmpty("and each thread");

        await a.WriteAsync(t.PrivateA, "We had a bad week and I need to say so.");
        (await a.GetJsonAsync(aPath))["body"]!.GetValue<string>().Should().BeEmpty("sending spends the draft");
        (await therapist.GetJsonAsync($"/api/threads/{t.PrivateA}/draft"))["body"]!.GetValue<string>().Should().Be("Thank you for");

        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/threads/{t.PrivateA}/draft", new { body = "" });
        (await therapist.GetJsonAsync($"/api/threads/{t.PrivateA}/draft"))["savedAt"].Should().BeNull("an empty body clears it");
    }

    [Fact]
    public async Task Drafts_FollowTheThreadsPrivacy_AndBadInputIs400NamingBody()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var other = await factory.SignedInTherapistAsync();
        var admin = await factory.AdminAsync();
        var t = await therapist.ThreadsAsync(couple);
        await a.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/portal/threads/{t.PrivateA}/draft", new { body = "Private words" });

        (await b.GetAsync($"/api/portal/threads/{t.PrivateA}/draft")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await b.PutAsync($"/api/portal/threads/{t.PrivateA}/draft", new { body = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/threads/{t.PrivateA}/draft")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PutAsync($"/api/threads/{t.Joint}/draft", new { body = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/threads/{t.Joint}/draft")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await a.GetAsync($"/api/threads/{t.Joint}/draft")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await b.GetJsonAsync($"/api/portal/threads/{t.Joint}/draft"))["body"]!.GetValue<string>().Should().BeEmpty();

        var path = $"/api/portal/threads/{t.Joint}/draft";
        (await (await a.PutAsync(path, new { body = new string('x', 4001) })).ErrorFieldsAsync()).Should().Equal("body");
        (await (await a.PutAsync(path, new { })).ErrorFieldsAsync()).Should().Equal("body");
        (await (await a.PutAsync(path, new { body = "a\0b" })).ErrorFieldsAsync()).Should().Equal("body");
        (await a.PutAsync(path, new { body = new string('x', 4000) })).StatusCode.Should().Be(HttpStatusCode.OK);

        var audit = (await factory.AuditAsync(couple, "portal.message.draft.save"))["items"]!.AsArray();
        audit.Should().HaveCount(2);
        audit.ToJsonString().Should().NotContain("Private words", "the trail names the thread, never the text");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM message_drafts WHERE couple_id = '{couple.Id()}'")).Should().Be(2);
    }
}
