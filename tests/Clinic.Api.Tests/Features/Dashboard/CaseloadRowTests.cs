using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Dashboard;

/// <summary>
/// Issue 27 item 8: the couple's overview loads its own caseload row — the same statements and rules as the
/// caseload, limited to that couple — instead of the whole caseload with an audit row for all of it.
/// </summary>
public sealed class CaseloadRowTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CaseloadRow_IsTheCaseloadsRowForThatCouple_AuditedAsThatCouple_And404ToAnotherCaseload()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var quiet = await therapist.CreateCoupleAsync("Cal", "Mia");
        var busy = await therapist.CreateCoupleAsync("Ray", "Ivy");
        foreach (var (days, a, b) in new[] { (14, 5, 5), (7, 6, 6), (1, 8, 6) }) await therapist.SessionAsync(busy, today.AddDays(-days), a, b);
        await therapist.AssignAsync(busy, "reach-out", "both");
        await therapist.RaiseFlagAsync(busy, await therapist.SignedInPartnerAsync(busy, 1));

        var row = await therapist.GetJsonAsync($"/api/couples/{busy.Id()}/caseload-row");
        var caseload = await therapist.CaseloadAsync();

        JsonNode.DeepEquals(row, caseload.RowOf(busy)).Should().BeTrue(
            $"one couple's row is the caseload's row for it: {row.ToJsonString()} vs {caseload.RowOf(busy).ToJsonString()}");
        row.AlertCodes().Should().Contain(["safety_flag", "cycle_rising"]);
        row["displayName"]!.GetValue<string>().Should().Be("Ray & Ivy");
        JsonNode.DeepEquals(await therapist.GetJsonAsync($"/api/couples/{quiet.Id()}/caseload-row"), caseload.RowOf(quiet)).Should().BeTrue();

        // Audited as a read of this couple, not of the caseload.
        var audited = (await factory.AuditAsync(busy, "dashboard.caseload_row"))["items"]!.AsArray();
        audited.Should().ContainSingle().Which!["coupleId"]!.GetValue<string>().Should().Be(busy.Id().ToString());

        var other = await factory.SignedInTherapistAsync();
        (await other.GetAsync($"/api/couples/{busy.Id()}/caseload-row")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/couples/{Guid.NewGuid()}/caseload-row")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var partner = await therapist.SignedInPartnerAsync(quiet, 0);
        (await partner.GetAsync($"/api/couples/{quiet.Id()}/caseload-row")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
