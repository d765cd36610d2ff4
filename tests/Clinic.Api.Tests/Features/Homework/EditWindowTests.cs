using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

/// <summary>Moves the clock forward, so it has a factory (and clock) of its own.</summary>
public sealed class EditWindowTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Entry_CanBeChangedAndWithdrawnWithin24Hours_ThenIsLocked_AndTheTherapistStillSeesItFlagged()
    {
        var (_, therapistEmail) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(therapistEmail, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var assignment = await therapist.AssignAsync(couple, assignedTo: "both", startsOn: factory.Today().AddDays(-3));
        var today = factory.Today();
        var kept = await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today, "private"));
        var withdrawn = await alex.LogAsync(assignment, HomeworkBuilders.ReachOutEntry(today, "shared"));

        var changedFields = HomeworkBuilders.ReachOutFields();
        changedFields["fearBefore"] = 9;
        var revised = await alex.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/portal/entries/{kept.Id()}",
            new { occurredOn = today.AddDays(-1).Iso(), visibility = "shared", fields = changedFields });
        revised["fields"]!["fearBefore"]!.GetValue<int>().Should().Be(9);
        revised["visibility"]!.GetValue<string>().Should().Be("shared");
        revised["occurredOn"]!.GetValue<string>().Should().Be(today.AddDays(-1).Iso());
        revised["updatedAt"].Should().NotBeNull();
        (await (await alex.PatchAsync($"/api/portal/entries/{kept.Id()}", new { fields = new { need = "x" } })).ErrorFieldsAsync())
            .Should().Contain("fields.fearBefore");
        (await (await alex.PatchAsync($"/api/portal/entries/{kept.Id()}", new { occurredOn = today.AddDays(2).Iso() })).ErrorFieldsAsync())
            .Should().Equal("occurredOn");

        (await alex.DeleteAsync($"/api/portal/entries/{withdrawn.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await alex.DeleteAsync($"/api/portal/entries/{withdrawn.Id()}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await sam.GetJsonAsync($"/api/portal/homework/{assignment.Id()}/entries")).AsArray().Select(e => e!.Id())
            .Should().Equal([kept.Id()], "a withdrawn entry of the partner is never shown");

        factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        alex = await factory.SignInAgainAsync(couple, 0);
        therapist = await factory.SignInAsync(therapistEmail, Accounts.Password);

        var late = await alex.PatchAsync($"/api/portal/entries/{kept.Id()}", new { visibility = "private" });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await late.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("24 hours");
        (await alex.DeleteAsync($"/api/portal/entries/{kept.Id()}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(2, "withdrawing never deletes");

        var all = (await therapist.GetJsonAsync($"/api/homework/{assignment.Id()}/entries"))["entries"]!.AsArray();
        all.Should().HaveCount(2);
        var flagged = all.Single(e => e!.Id() == withdrawn.Id())!;
        flagged["withdrawn"]!.GetValue<bool>().Should().BeTrue();
        flagged["withdrawnAt"].Should().NotBeNull();
        all.Single(e => e!.Id() == kept.Id())!["withdrawn"]!.GetValue<bool>().Should().BeFalse();
        var counts = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["items"]![0]!["entryCounts"]!;
        counts["total"]!.GetValue<int>().Should().Be(1);
        counts["withdrawn"]!.GetValue<int>().Should().Be(1);
    }
}
