using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Retention;

/// <summary>The retention list, the legal hold and the couple page's retention panel (DESIGN §17).</summary>
public sealed class RetentionTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task List_ShowsClosedCouplesPastTheirDate_NotRecentOrOpenOnes_WithTheirDates()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var due = await therapist.CreateCoupleAsync("Due", "Now");
        var recent = await therapist.CreateCoupleAsync("Closed", "Lately");
        var open = await therapist.CreateCoupleAsync("Still", "Seeing");
        var closedOn = factory.Today().AddYears(-7);
        await therapist.CloseLongAgoAsync(due, closedOn);
        await therapist.CloseLongAgoAsync(recent, factory.Today().AddYears(-2));
        var admin = await factory.AdminAsync();

        var list = await AllAsync(admin, "due");
        var closed = await AllAsync(admin, "closed");

        var row = list.Should().ContainSingle(r => Id(r) == due.Id()).Subject!;
        row["displayName"]!.GetValue<string>().Should().Be("Due & Now");
        row["therapistName"]!.GetValue<string>().Should().Be("Ada Moss");
        row["closedOn"]!.GetValue<string>().Should().Be(closedOn.Iso());
        row["retainUntil"]!.GetValue<string>().Should().Be(closedOn.AddYears(7).Iso());
        row["purgeable"]!.GetValue<bool>().Should().BeTrue();
        list.Should().NotContain(r => Id(r) == recent.Id() || Id(r) == open.Id());
        closed.Should().Contain(r => Id(r) == recent.Id() && !r["purgeable"]!.GetValue<bool>());
        closed.Should().NotContain(r => Id(r) == open.Id());
        row.AsObject().Select(p => p.Key).Should().NotContain(["presentingConcerns", "goals", "partners"], "the admin sees no clinical content");
    }

    [Fact]
    public async Task Hold_KeepsTheRecordOffThePurgeableList_UntilReleased_AndIsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Hold", "Me");
        await therapist.CloseLongAgoAsync(couple, factory.Today().AddYears(-9));
        var admin = await factory.AdminAsync();

        var held = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/admin/retention/{couple.Id()}/hold",
            new { hold = true, reason = "Court order 12/2026." });
        var listed = (await AllAsync(admin, "due")).Single(r => Id(r) == couple.Id());
        var released = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/admin/retention/{couple.Id()}/hold", new { hold = false });

        held["legalHold"]!.GetValue<bool>().Should().BeTrue();
        held["holdReason"]!.GetValue<string>().Should().Be("Court order 12/2026.");
        listed["legalHold"]!.GetValue<bool>().Should().BeTrue();
        listed["purgeable"]!.GetValue<bool>().Should().BeFalse();
        released["legalHold"]!.GetValue<bool>().Should().BeFalse();
        released["holdReason"].Should().BeNull();
        released["purgeable"]!.GetValue<bool>().Should().BeTrue();
        var trail = await admin.GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}&pageSize=100");
        trail["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should().Contain(["retention.hold.place", "retention.hold.release"]);
    }

    [Fact]
    public async Task Hold_WithoutAReason_Returns400NamingReason_AndWithoutHold400NamingHold()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var admin = await factory.AdminAsync();

        var noReason = await admin.PutAsync($"/api/admin/retention/{couple.Id()}/hold", new { hold = true, reason = "  " });
        var noHold = await admin.PutAsync($"/api/admin/retention/{couple.Id()}/hold", new { reason = "x" });
        var unknown = await admin.PutAsync($"/api/admin/retention/{Guid.NewGuid()}/hold", new { hold = true, reason = "x" });

        (await noReason.ErrorFieldsAsync()).Should().Equal("reason");
        (await noHold.ErrorFieldsAsync()).Should().Equal("hold");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CouplePanel_ShowsTheDateAndHold_ToTheCouplesTherapist_And404ToAnother()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var stranger = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Panel", "Pair");
        await therapist.CloseCoupleAsync(couple);

        var hold = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/couples/{couple.Id()}/retention",
            new { legalHold = true, holdReason = "Client asked us to keep it." });
        var panel = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/retention");
        var roundTrip = await therapist.SendAsync(HttpMethod.Put, $"/api/couples/{couple.Id()}/retention", panel.ToJsonString());
        var changedReadOnly = await therapist.SendAsync(HttpMethod.Put, $"/api/couples/{couple.Id()}/retention",
            new { legalHold = true, holdReason = "x", retainUntil = "2099-01-01" });
        var noReason = await therapist.SendAsync(HttpMethod.Put, $"/api/couples/{couple.Id()}/retention", new { legalHold = true });

        hold["legalHold"]!.GetValue<bool>().Should().BeTrue();
        panel["closedOn"]!.GetValue<string>().Should().Be(factory.Today().Iso());
        panel["retainUntil"]!.GetValue<string>().Should().Be(factory.Today().AddYears(7).Iso());
        panel["holdReason"]!.GetValue<string>().Should().Be("Client asked us to keep it.");
        roundTrip.StatusCode.Should().Be(HttpStatusCode.OK, "the GET's body goes back as it is");
        (await changedReadOnly.ErrorFieldsAsync()).Should().Equal("retainUntil");
        (await noReason.ErrorFieldsAsync()).Should().Equal("holdReason");
        (await stranger.GetAsync($"/api/couples/{couple.Id()}/retention")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.PutAsync($"/api/couples/{couple.Id()}/retention", new { legalHold = false })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await therapist.GetAsync("/api/admin/retention")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static Guid Id(JsonNode? row) => Guid.Parse(row!["coupleId"]!.GetValue<string>());

    private static async Task<List<JsonNode>> AllAsync(ApiClient admin, string scope) =>
        (await admin.GetJsonAsync($"/api/admin/retention?scope={scope}&pageSize=100"))["items"]!.AsArray().Select(n => n!).ToList();
}
