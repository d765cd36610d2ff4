using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Assessments;

/// <summary>Another therapist gets 404 on every assessments route, clients 403, and every touch is audited.</summary>
public sealed class AssessmentPrivacyTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> TherapistRoutes(JsonNode couple) =>
    [
        (HttpMethod.Get, $"/api/couples/{couple.Id()}/assessments", null),
        (HttpMethod.Post, $"/api/couples/{couple.Id()}/assessments", NewAssessment(couple.PartnerId(0), EcrRsAll(4))),
        (HttpMethod.Get, $"/api/couples/{couple.Id()}/questionnaire-requests", null),
        (HttpMethod.Post, $"/api/couples/{couple.Id()}/questionnaire-requests",
            new { partnerId = couple.PartnerId(0), instrument = "ECR-RS", shareResultsWithClient = true }),
    ];

    [Fact]
    public async Task AnotherTherapist_Gets404OnEveryAssessmentsRoute_AndNothingIsStored()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var intruder = await factory.SignedInTherapistAsync();

        foreach (var (method, url, body) in TherapistRoutes(couple))
            (await intruder.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");

        (await owner.GetJsonAsync($"/api/couples/{couple.Id()}/assessments"))["total"]!.GetValue<int>().Should().Be(0);
        (await owner.GetJsonAsync($"/api/couples/{couple.Id()}/questionnaire-requests"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task AClientOfTheCouple_Gets403OnEveryTherapistRoute_AndATherapistCannotUseThePortal()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var client = await owner.SignedInPartnerAsync(couple, 0);
        var request = await owner.RequestQuestionnaireAsync(couple, 0);

        foreach (var (method, url, body) in TherapistRoutes(couple))
            (await client.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url}");

        (await owner.GetAsync("/api/portal/questionnaires")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await owner.PostAsync($"/api/portal/questionnaires/{request.Id()}", new { responses = EcrRsAll(4) }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Anonymous().GetAsync("/api/portal/questionnaires")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryReadAndWrite_IsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var created = await therapist.RecordAssessmentAsync(couple, 0, EcrRsAll(4));
        await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments");
        var request = await therapist.RequestQuestionnaireAsync(couple, 0);
        await client.GetJsonAsync("/api/portal/questionnaires");
        await client.AnswerQuestionnaireAsync(request, EcrRsAll(3));

        var audit = (await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}&pageSize=100"))["items"]!
            .AsArray().Select(e => (Action: e!.Text("action"), Role: e!["role"]?.GetValue<string>(), Resource: e!["resourceId"]?.GetValue<string>()))
            .ToList();

        audit.Should().Contain(("assessment.create", "therapist", created.Id().ToString()));
        audit.Should().Contain(e => e.Action == "assessment.list" && e.Role == "therapist");
        audit.Should().Contain(("questionnaire.request", "therapist", request.Id().ToString()));
        audit.Should().Contain(e => e.Action == "questionnaire.list" && e.Role == "client");
        audit.Should().Contain(("questionnaire.answer", "client", request.Id().ToString()));
    }
}
