using System.Net;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;
using static Clinic.Api.Tests.Infrastructure.HomeworkBuilders;

namespace Clinic.Api.Tests.Features.Couples;

/// <summary>The couple's own rules, asked by every write that touches it (Couple.EnsureOpen, Couple.PartnerById).</summary>
public sealed class CoupleRulesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ClosedCouple_RefusesEveryNewRecord_TherapistAndPortal_With409AndOneMessage()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var assignment = await therapist.AssignAsync(couple, assignedTo: "partner_a");
        var request = await therapist.RequestQuestionnaireAsync(couple, 0);
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.SaveMapAsync(couple, 0);
        var version = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["version"]!.GetValue<uint>();
        await therapist.CloseCoupleAsync(couple, version);
        var today = factory.Today();

        var refused = new[]
        {
            await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, today.Iso())),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/homework", NewAssignment(today, today.AddDays(7))),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", NewAssessment(couple.PartnerId(1), EcrRsAll(4), today.Iso())),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/questionnaire-requests",
                new { partnerId = couple.PartnerId(1), instrument = "ECR-RS", shareResultsWithClient = false }),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(1) }),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(1)}/invitation"),
            await therapist.PutAsync($"/api/couples/{couple.Id()}/cycle-map", CycleMapBuilders.Map(couple, 1)),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/cycle-map/share"),
        };

        foreach (var response in refused)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            (await response.JsonAsync())["detail"]!.GetValue<string>().Should().Be(Couple.ClosedMessage);
        }
        // The portal is refused before it reaches the couple's rule: closing ended the partners' sessions
        // (issue 15), so their writes answer 401 and store nothing; Couple.EnsureOpen stays behind it.
        var portalRefused = new[]
        {
            await alex.PostAsync($"/api/portal/homework/{assignment.Id()}/entries", ReachOutEntry(today)),
            await alex.PostAsync($"/api/portal/questionnaires/{request.Id()}", new { responses = EcrRsAll(4) }),
        };
        foreach (var response in portalRefused)
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        (await therapist.GetJsonAsync($"/api/homework/{assignment.Id()}/entries"))["entries"]!.AsArray().Should().BeEmpty();
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/questionnaire-requests"))["items"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<Guid>() == request.Id())!["status"]!.GetValue<string>().Should().Be("pending");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/sessions"))["total"]!.GetValue<int>().Should().Be(0);
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["total"]!.GetValue<int>().Should().Be(1);
        var map = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/cycle-map");
        map["version"]!.GetValue<int>().Should().Be(1);
        map["shared"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task APartnerOfAnotherCouple_IsThe400NamingPartnerId_InRouteAndBodyAlike()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var stranger = (await therapist.CreateCoupleAsync("Kim", "Lee")).PartnerId(0);
        var today = factory.Today();

        var responses = new[]
        {
            await therapist.PostAsync($"/api/couples/{couple.Id()}/partners/{stranger}/invitation"),
            await therapist.PutAsync($"/api/couples/{couple.Id()}/partners/{stranger}/risk-record", SafetyBuilders.RiskRecord()),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = stranger }),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", NewAssessment(stranger, EcrRsAll(4), today.Iso())),
            await therapist.PostAsync($"/api/couples/{couple.Id()}/questionnaire-requests",
                new { partnerId = stranger, instrument = "ECR-RS", shareResultsWithClient = false }),
            await therapist.PatchAsync($"/api/couples/{couple.Id()}/partners/{stranger}", new { version = 0u, firstName = "Mallory" }),
        };

        foreach (var response in responses)
        {
            (await response.ErrorFieldsAsync()).Should().Equal("partnerId");
            (await response.JsonAsync())["errors"]!["partnerId"]![0]!.GetValue<string>().Should().Be(Couple.NotAPartnerMessage);
        }
        // Where the body names partners by position, the same rule names the position.
        var map = CycleMapBuilders.Map(couple, 0);
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(map, ApiClient.Json))!;
        body["partners"]![1]!["partnerId"] = stranger.ToString();
        var cycleMap = await therapist.PutAsync($"/api/couples/{couple.Id()}/cycle-map", body);
        (await cycleMap.JsonAsync())["errors"]!["partners[1].partnerId"]![0]!.GetValue<string>().Should().Be(Couple.NotAPartnerMessage);
    }
}
