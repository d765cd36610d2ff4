using Clinic.Api.Tests.Infrastructure;
using Clinic.Seed;
using FluentAssertions;
using Xunit;

namespace Clinic.Api.Tests.Seed;

/// <summary>Issue 31 item 8: demo couples with message history in each kind of thread, some of it unread.</summary>
public sealed class DemoMessagesTests(SeedingApiFactory factory) : IClassFixture<SeedingApiFactory>
{
    [Fact]
    public async Task DemoTherapists_HaveUnreadThreadsInTheirInbox_AndPartnersSeeTheirOwnLinesOnly()
    {
        await factory.SeedAsync();
        var first = await factory.RowCountsAsync();
        await factory.SeedAsync();
        (await factory.RowCountsAsync()).Should().Equal(first, "a second load writes no message twice");
        first["messages"].Should().BeGreaterThanOrEqualTo(15);

        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var inbox = await moss.GetJsonAsync("/api/inbox");
        inbox["items"]!.AsArray().Select(i => (i!["coupleId"]!.GetValue<Guid>(), i["kind"]!.GetValue<string>(), i["unreadCount"]!.GetValue<int>()))
            .Should().Equal((SeedIds.For("demo/couple/patel"), "joint", 2), (SeedIds.For("demo/couple/nguyen"), "private", 2));

        var nguyen = await moss.GetJsonAsync($"/api/couples/{SeedIds.For("demo/couple/nguyen")}/threads");
        nguyen["items"]!.AsArray().Select(t => t!["lastMessageAt"]).Should().OnlyContain(at => at != null, "every kind of thread has history");

        var lindqvist = await factory.SignInAsync("clara.lindqvist@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var flagged = (await lindqvist.GetJsonAsync("/api/inbox"))["items"]!.AsArray().Single();
        flagged!["partnerName"]!.GetValue<string>().Should().Be("Casey");
        flagged["safetyFlagOpen"]!.GetValue<bool>().Should().BeTrue("Casey's open flag shows beside her private thread");

        var marcus = await factory.SignInAsync("marcus.bell@demo.clinic.test", SeedingBuilders.DemoClientPassword);
        var mine = await marcus.GetJsonAsync("/api/portal/threads");
        mine["items"]!.AsArray().Select(t => (t!["kind"]!.GetValue<string>(), t["unreadCount"]!.GetValue<int>()))
            .Should().Equal(("joint", 0), ("private", 1));
        var joint = await marcus.GetJsonAsync($"/api/portal/threads/{mine["items"]![0]!["id"]}/messages");
        joint["items"]!.AsArray().Should().HaveCount(4);
        joint.ToJsonString().Should().NotContain("my mother's visit", "Linh's private line never reaches Marcus");
    }
}
