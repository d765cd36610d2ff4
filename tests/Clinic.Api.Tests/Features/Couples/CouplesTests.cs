using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Couples;

public sealed class CouplesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CreateCouple_WithTwoPartners_Returns201WithLabelsAndVersion()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var couple = await therapist.CreateCoupleAsync("Alex", "Sam");

        couple["displayName"]!.GetValue<string>().Should().Be("Alex & Sam");
        couple["status"]!.GetValue<string>().Should().Be("intake");
        couple["partners"]!.AsArray().Select(p => p!["label"]!.GetValue<string>()).Should().Equal("partner_a", "partner_b");
        couple["version"]!.GetValue<uint>().Should().BeGreaterThan(0);
        var read = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        read["startedOn"]!.GetValue<string>().Should().Be("2026-11-02");
    }

    [Fact]
    public async Task CreateCouple_WithOnePartner_Returns400NamingPartners()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.PostAsync("/api/couples", new
        {
            partners = new[] { new { firstName = "A", lastName = "B", email = "solo@example.test", pronouns = "" } },
            presentingConcerns = "", goals = "", startedOn = "2026-11-02",
        });

        (await response.ErrorFieldsAsync()).Should().Equal("partners");
    }

    [Fact]
    public async Task CreateCouple_WithBadFields_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.PostAsync("/api/couples", new
        {
            partners = new[]
            {
                new { firstName = "", lastName = "B", email = "not-an-email", pronouns = "" },
                new { firstName = "C", lastName = "D", email = "ok@example.test", pronouns = "" },
            },
            presentingConcerns = "", goals = "",
        });

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("partners[0].firstName", "partners[0].email", "startedOn");
    }

    [Fact]
    public async Task CreateCouple_WithTherapistIdInBody_IsRefused()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.PostAsync("/api/couples", """
            {"partners":[],"presentingConcerns":"","goals":"","startedOn":"2026-11-02","therapistId":"00000000-0000-0000-0000-000000000001"}
            """);

        (await response.ErrorFieldsAsync()).Should().Equal("therapistId");
    }

    [Fact]
    public async Task CreateCouple_WithAPartnerEmailAlreadyInThePractice_Returns400NamingIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var first = await therapist.CreateCoupleAsync();
        var taken = first["partners"]![1]!["email"]!.GetValue<string>();

        var response = await therapist.PostAsync("/api/couples", new
        {
            partners = new[]
            {
                new { firstName = "New", lastName = "Person", email = "new.person@example.test", pronouns = "" },
                new { firstName = "Same", lastName = "Email", email = taken.ToUpperInvariant(), pronouns = "" },
            },
            presentingConcerns = "", goals = "", startedOn = "2026-11-02",
        });

        (await response.ErrorFieldsAsync()).Should().Equal("partners[1].email");
    }

    [Fact]
    public async Task ListCouples_SearchesFiltersAndPagesMyCaseloadOnly()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        await other.CreateCoupleAsync("Zed", "Yara");
        var jo = await therapist.CreateCoupleAsync("Jo", "Kim");
        await therapist.CreateCoupleAsync("Lee", "Max");
        await therapist.CreateCoupleAsync("Ned", "Ola");
        await therapist.PatchAsync($"/api/couples/{jo.Id()}", new { version = jo["version"]!.GetValue<uint>(), status = "active" });

        var all = await therapist.GetJsonAsync("/api/couples?pageSize=2");
        var search = await therapist.GetJsonAsync("/api/couples?search=kim");
        var active = await therapist.GetJsonAsync("/api/couples?status=active");

        all["total"]!.GetValue<int>().Should().Be(3);
        all["items"]!.AsArray().Should().HaveCount(2);
        all["items"]![0]!["displayName"]!.GetValue<string>().Should().Be("Jo & Kim");
        search["items"]!.AsArray().Select(c => c!["displayName"]!.GetValue<string>()).Should().Equal("Jo & Kim");
        active["items"]!.AsArray().Select(c => c!["displayName"]!.GetValue<string>()).Should().Equal("Jo & Kim");
    }

    [Fact]
    public async Task ListCouples_WithUnknownStatus_Returns400NamingStatus()
    {
        var therapist = await factory.SignedInTherapistAsync();

        (await (await therapist.GetAsync("/api/couples?status=divorced")).ErrorFieldsAsync()).Should().Equal("status");
    }

    [Fact]
    public async Task UpdateCouple_MovesThroughStatusesAndClosingArchives()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}";

        var active = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, url,
            new { version = couple["version"]!.GetValue<uint>(), status = "active", goals = "Softening" });
        var byUpdate = await therapist.PatchAsync(url, new { version = active["version"]!.GetValue<uint>(), status = "closed" });
        var closed = await therapist.CloseCoupleAsync(couple, active["version"]!.GetValue<uint>());
        var reopen = await therapist.PatchAsync(url, new { version = closed["version"]!.GetValue<uint>(), status = "active" });

        active["goals"]!.GetValue<string>().Should().Be("Softening");
        (await byUpdate.ErrorMessageAsync("status")).Should().StartWith("Close a case with POST /api/couples/{id}/close");
        closed["closedOn"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        (await reopen.ErrorFieldsAsync()).Should().Equal("status");
        (await therapist.GetJsonAsync(url))["status"]!.GetValue<string>().Should().Be("closed", "closing archives; nothing is deleted");
    }

    [Fact]
    public async Task UpdateCouple_WithStaleVersion_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}";
        var version = couple["version"]!.GetValue<uint>();
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, url, new { version, goals = "First edit" });

        var stale = await therapist.PatchAsync(url, new { version, goals = "Second edit from an old screen" });

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await therapist.GetJsonAsync(url))["goals"]!.GetValue<string>().Should().Be("First edit");
    }

    [Fact]
    public async Task CoupleReadsAndWrites_AreAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");

        var audit = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}");

        audit["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should().Contain(["couple.create", "couple.read"]);
        audit["items"]!.AsArray().Should().OnlyContain(e => e!["userId"]!.GetValue<string>() == therapist.UserId.ToString());
    }
}
