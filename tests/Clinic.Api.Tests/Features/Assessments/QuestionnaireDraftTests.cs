using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Assessments;

/// <summary>A half-answered questionnaire is kept on the server as the partner's draft until sent; sending needs every item.</summary>
public sealed class QuestionnaireDraftTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static string DraftUrl(System.Text.Json.Nodes.JsonNode request) => $"/api/portal/questionnaires/{request.Id()}/draft";

    [Fact]
    public async Task SaveDraft_KeepsTheAnswersSoFar_AndThePortalOffersThemBack()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "PHQ-9");

        var saved = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, DraftUrl(request),
            new { responses = new Dictionary<string, int> { ["PHQ9-1"] = 2, ["phq9-4"] = 1 } });
        // A second save replaces the first whole.
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, DraftUrl(request),
            new { responses = new Dictionary<string, int> { ["phq9-1"] = 3, ["phq9-2"] = 0 } });

        saved["responses"]!["phq9-1"]!.GetValue<int>().Should().Be(2, "ids are stored in the catalogue's spelling");
        var listed = (await client.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!;
        listed["draft"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<int>())).Should().Equal(("phq9-1", 3), ("phq9-2", 0));
        listed["draftSavedAt"].Should().NotBeNull();
        (await factory.AuditAsync(couple, "questionnaire.draft_save"))["items"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Draft_IsNeverShownToTheTherapist_AndNeverScored()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "PHQ-9");

        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, DraftUrl(request),
            new { responses = new Dictionary<string, int> { ["phq9-9"] = 2 } });

        var requests = await (await therapist.GetAsync($"/api/couples/{couple.Id()}/questionnaire-requests")).Content.ReadAsStringAsync();
        requests.Should().NotContain("draft").And.NotContain("phq9-9");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments"))["total"]!.GetValue<int>().Should().Be(0);
        (await therapist.SafetyAsync(couple))["flags"]!.AsArray().Should().BeEmpty("answers count when they are sent, not while drafted");
    }

    [Theory]
    [InlineData("{\"phq9-1\": 4}", "responses.phq9-1")]
    [InlineData("{\"phq9-1\": 1, \"phq9-12\": 1}", "responses.phq9-12")]
    [InlineData("{\"phq9-3\": \"most days\"}", "responses.phq9-3")]
    public async Task SaveDraft_WithAnOutOfRangeOrUnknownAnswer_Is400NamingTheItem(string responses, string field)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "PHQ-9");

        var response = await client.SendAsync(HttpMethod.Put, DraftUrl(request), $"{{\"responses\": {responses}}}");

        (await response.ErrorFieldsAsync()).Should().Equal(field);
    }

    [Fact]
    public async Task Send_WithAnItemMissing_Is400NamingIt_AndTheDraftStays_ThenSendingEverythingClearsIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var request = await therapist.RequestQuestionnaireAsync(couple, 1, instrument: "CSI-4");
        var partial = Items("csi4", 5, 4, 3);
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, DraftUrl(request), new { responses = partial });

        var incomplete = await client.PostAsync($"/api/portal/questionnaires/{request.Id()}", new { responses = partial });

        (await incomplete.ErrorFieldsAsync()).Should().Equal("responses.csi4-4");
        (await client.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!["draft"]!.AsObject().Should().HaveCount(3);
        await client.AnswerQuestionnaireAsync(request, Items("csi4", 5, 4, 3, 2));
        var done = (await client.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!;
        done.Text("status").Should().Be("completed");
        done["draft"].Should().BeNull();
        (await client.SendAsync(HttpMethod.Put, DraftUrl(request), new { responses = partial }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "an answered questionnaire takes no draft");
    }

    [Fact]
    public async Task OtherPartnersQuestionnaire_TakesNoDraft_404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.SignedInPartnerAsync(couple, 1);
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "GAD-7");

        var response = await other.SendAsync(HttpMethod.Put, DraftUrl(request), new { responses = Items("gad7", 1) });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var owner = await therapist.SignedInPartnerAsync(couple, 0);
        (await owner.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!["draft"].Should().BeNull();
    }
}
