using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

/// <summary>Private entries stay with their author; other couples and other caseloads see nothing.</summary>
public sealed class HomeworkPrivacyTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> TherapistRoutes(JsonNode couple, JsonNode assignment, DateOnly today) =>
    [
        (HttpMethod.Get, $"/api/couples/{couple.Id()}/homework", null),
        (HttpMethod.Post, $"/api/couples/{couple.Id()}/homework", HomeworkBuilders.NewAssignment(today, today)),
        (HttpMethod.Patch, $"/api/homework/{assignment.Id()}", new { version = assignment["version"]!.GetValue<uint>(), status = "cancelled" }),
        (HttpMethod.Get, $"/api/homework/{assignment.Id()}/entries", null),
    ];

    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> PortalRoutes(JsonNode assignment, JsonNode entry, DateOnly today) =>
    [
        (HttpMethod.Post, $"/api/portal/homework/{assignment.Id()}/entries", HomeworkBuilders.ReachOutEntry(today)),
        (HttpMethod.Get, $"/api/portal/homework/{assignment.Id()}/entries", null),
        (HttpMethod.Patch, $"/api/portal/entries/{entry.Id()}", new { visibility = "shared" }),
        (HttpMethod.Delete, $"/api/portal/entries/{entry.Id()}", null),
    ];

    [Fact]
    public async Task Partner_SeesMySharedEntry_ButNeverMyPrivateOne()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var assignment = await therapist.AssignAsync(couple, assignedTo: "both");
        var today = factory.Today();
        var shared = await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today, "shared"));
        var secret = await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today, "private"));
        var samsOwn = await sam.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today, "private"));

        var samSees = (await sam.GetJsonAsync($"/api/portal/homework/{assignment.Id()}/entries")).AsArray();
        var alexSees = (await alex.GetJsonAsync($"/api/portal/homework/{assignment.Id()}/entries")).AsArray();

        samSees.Select(e => e!.Id()).Should().BeEquivalentTo([shared.Id(), samsOwn.Id()]);
        samSees.Single(e => e!.Id() == shared.Id())!["mine"]!.GetValue<bool>().Should().BeFalse();
        samSees.Single(e => e!.Id() == shared.Id())!["authorFirstName"]!.GetValue<string>().Should().Be("Your partner");
        samSees.Single(e => e!.Id() == samsOwn.Id())!["authorFirstName"]!.GetValue<string>().Should().Be("Sam");
        samSees.Single(e => e!.Id() == shared.Id())!["editableUntil"].Should().BeNull();
        alexSees.Select(e => e!.Id()).Should().BeEquivalentTo([shared.Id(), secret.Id()]);
        (await sam.PatchAsync($"/api/portal/entries/{secret.Id()}", new { visibility = "shared" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sam.PatchAsync($"/api/portal/entries/{shared.Id()}", new { visibility = "private" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sam.DeleteAsync($"/api/portal/entries/{shared.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var therapistSees = await therapist.GetJsonAsync($"/api/homework/{assignment.Id()}/entries");
        therapistSees["entries"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public async Task ClientOfAnotherCouple_Gets404Everywhere()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var assignment = await therapist.AssignAsync(couple, assignedTo: "both");
        var entry = await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(factory.Today()));
        var otherCouple = await therapist.CreateCoupleAsync("Kim", "Lee");
        var kim = await therapist.SignedInPartnerAsync(otherCouple, 0);

        foreach (var (method, url, body) in PortalRoutes(assignment, entry, factory.Today()))
            (await kim.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");

        (await kim.GetJsonAsync("/api/portal/homework"))["total"]!.GetValue<int>().Should().Be(0);
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(1);
        (await alex.GetJsonAsync($"/api/portal/homework/{assignment.Id()}/entries")).AsArray().Single()!["withdrawn"]!
            .GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task AnotherTherapist_Gets404OnEveryHomeworkRoute_AndNothingChanges()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var assignment = await owner.AssignAsync(couple);
        var intruder = await factory.SignedInTherapistAsync();

        foreach (var (method, url, body) in TherapistRoutes(couple, assignment, factory.Today()))
            (await intruder.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");

        var list = await owner.GetJsonAsync($"/api/couples/{couple.Id()}/homework");
        list["total"]!.GetValue<int>().Should().Be(1);
        list["items"]![0]!["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task Client_OnTherapistRoutes_Gets403_AndTherapist_OnPortalRoutes_Gets403()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var assignment = await therapist.AssignAsync(couple);
        var entry = await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(factory.Today()));

        foreach (var (method, url, body) in TherapistRoutes(couple, assignment, factory.Today()))
            (await alex.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url}");
        foreach (var (method, url, body) in PortalRoutes(assignment, entry, factory.Today()))
            (await therapist.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url}");
        (await therapist.GetAsync("/api/portal/me")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Anonymous().GetAsync("/api/portal/homework")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
