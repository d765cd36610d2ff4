using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Sessions;

public sealed class CycleCorrectionTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static object Corrected(JsonNode couple, int intensityA, int peak = 8) => new
    {
        partners = new object[]
        {
            new { partnerId = couple.PartnerId(0), position = "pursue", intensity = intensityA },
            new { partnerId = couple.PartnerId(1), position = "withdraw", intensity = 6 },
        },
        episodesSinceLastSession = 3, peakIntensity = peak, repairMinutes = 120,
        triggers = new[] { "chores", "phone" }, markers = new[] { "cycleNamedByCouple" },
    };

    /// <summary>The rating of one partner: the record's order is not its meaning.</summary>
    private static JsonNode Rating(JsonNode cycle, JsonNode couple, int partner) =>
        cycle["partners"]!.AsArray().Single(p => p!["partnerId"]!.GetValue<string>() == couple.PartnerId(partner).ToString())!;

    private async Task<(ApiClient Therapist, JsonNode Couple, JsonNode Session)> SignedSessionAsync()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple, "2026-11-09", intensityA: 7, intensityB: 6);
        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        return (therapist, couple, session);
    }

    [Fact]
    public async Task AmendSession_WithACycle_CorrectsTheRecord_AndKeepsTheOriginalWithTheReason()
    {
        var (therapist, couple, session) = await SignedSessionAsync();

        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/amendments",
            new { text = "Typed 7 for Alex; the rating agreed in session was 4.", cycle = Corrected(couple, 4) });
        var read = await therapist.GetJsonAsync($"/api/sessions/{session.Id()}");

        Rating(read["cycle"]!, couple, 0)["intensity"]!.GetValue<int>().Should().Be(4);
        read["cycleCorrectedAt"].Should().NotBeNull();
        read["signedAt"].Should().NotBeNull("the session stays signed");
        var amendment = read["amendments"]![0]!;
        amendment["text"]!.GetValue<string>().Should().Be("Typed 7 for Alex; the rating agreed in session was 4.");
        amendment["correctsCycle"]!.GetValue<bool>().Should().BeTrue();
        Rating(amendment["cycleBefore"]!, couple, 0)["intensity"]!.GetValue<int>().Should().Be(7);
        Rating(amendment["cycleBefore"]!, couple, 0)["position"]!.GetValue<string>().Should().Be("pursue");
        Rating(amendment["cycleAfter"]!, couple, 0)["intensity"]!.GetValue<int>().Should().Be(4);
        (await factory.AuditAsync(couple, "session.amend"))["items"]![0]!["detail"]!.GetValue<string>().Should().Be("corrects the cycle record");
    }

    [Fact]
    public async Task CoupleDashboard_AfterACorrection_DrawsTheCorrectedValue_AndMarksIt()
    {
        var (therapist, couple, session) = await SignedSessionAsync();
        await therapist.CreateSessionAsync(couple, "2026-11-16", intensityA: 5, intensityB: 5);

        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/amendments",
            new { text = "Peak and Alex's rating were mistyped.", cycle = Corrected(couple, 4, peak: 6) });
        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");

        var first = dashboard["cycle"]![0]!;
        first["partners"]![0]!["intensity"]!.GetValue<int>().Should().Be(4);
        first["meanIntensity"]!.GetValue<double>().Should().Be(5.0);
        first["peakIntensity"]!.GetValue<int>().Should().Be(6);
        first["corrected"]!.GetValue<bool>().Should().BeTrue();
        dashboard["cycle"]![1]!["corrected"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task AmendSession_WithAPlainText_LeavesTheCycleRecordAsSigned()
    {
        var (therapist, couple, session) = await SignedSessionAsync();

        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/amendments", new { text = "Sam added context by email." });
        var read = await therapist.GetJsonAsync($"/api/sessions/{session.Id()}");

        Rating(read["cycle"]!, couple, 0)["intensity"]!.GetValue<int>().Should().Be(7);
        read["cycleCorrectedAt"].Should().BeNull();
        read["amendments"]![0]!["correctsCycle"]!.GetValue<bool>().Should().BeFalse();
        read["amendments"]![0]!["cycleBefore"].Should().BeNull();
    }

    [Fact]
    public async Task AmendSession_WithABadCorrection_Returns400NamingEachField_AndChangesNothing()
    {
        var (therapist, couple, session) = await SignedSessionAsync();
        var other = await therapist.CreateCoupleAsync("Other", "Pair");

        var bad = await therapist.PostAsync($"/api/sessions/{session.Id()}/amendments", new { text = "", cycle = Corrected(couple, 11) });
        var foreignPartner = await therapist.PostAsync($"/api/sessions/{session.Id()}/amendments",
            System.Text.Json.JsonSerializer.Serialize(new { text = "Wrong partner.", cycle = Corrected(couple, 4) }, ApiClient.Json)
                .Replace(couple.PartnerId(1).ToString(), other.PartnerId(1).ToString()));

        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("text", "cycle.partners[0].intensity");
        (await bad.ErrorMessageAsync("text")).Should().Be(Session.CorrectionReasonMessage);
        (await foreignPartner.ErrorFieldsAsync()).Should().Equal("cycle.partners[1].partnerId");
        var read = await therapist.GetJsonAsync($"/api/sessions/{session.Id()}");
        Rating(read["cycle"]!, couple, 0)["intensity"]!.GetValue<int>().Should().Be(7);
        read["amendments"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AmendSession_CorrectingAnUnsignedSession_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);

        var response = await therapist.PostAsync($"/api/sessions/{session.Id()}/amendments", new { text = "Fix.", cycle = Corrected(couple, 4) });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}
