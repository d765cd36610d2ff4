using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Fhir;

/// <summary>GET /api/couples/{id}/fhir: a FHIR R4 Bundle the Firely SDK parses back (strictly), with LOINC codes and the stored scores.</summary>
public sealed class FhirExportTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async System.Threading.Tasks.Task Export_ParsesBackWithTheSdk_WithLoincForPhq9AndGad7_LocalCodesForTheRest_AndTheScores()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        // 3+3+3+3+2+1+0+0+0 = 15 (moderately severe); 2+2+2+2+1+0+0 = 9 (mild); CSI-4 6+4+3+2 = 15.
        var phq = await therapist.RecordAsync(couple, 0, "PHQ-9", Items("phq9", 3, 3, 3, 3, 2, 1, 0, 0, 0));
        await therapist.RecordAsync(couple, 1, "GAD-7", Items("gad7", 2, 2, 2, 2, 1, 0, 0));
        await therapist.RecordAsync(couple, 1, "CSI-4", Items("csi4", 6, 4, 3, 2));
        await therapist.RecordAssessmentAsync(couple, 0, EcrRs(1, 1, 1, 1, 7, 7, 4, 4, 4));

        var response = await therapist.GetAsync($"/api/couples/{couple.Id()}/fhir");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var bundle = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Bundle>(await response.Content.ReadAsStringAsync());
        bundle.Type.Should().Be(Bundle.BundleType.Collection);
        var resources = bundle.Entry.Select(e => e.Resource).ToList();
        resources.OfType<Questionnaire>().Should().HaveCount(4);
        resources.OfType<QuestionnaireResponse>().Should().HaveCount(4);
        resources.OfType<Observation>().Should().HaveCount(5, "one total each for PHQ-9, GAD-7 and CSI-4, two ECR-RS scores");

        var phqQuestionnaire = resources.OfType<Questionnaire>().Single(q => q.Title == "Patient Health Questionnaire (PHQ-9)");
        phqQuestionnaire.Code.Should().ContainSingle(c => c.System == "http://loinc.org" && c.Code == "44249-1");
        phqQuestionnaire.Item.Should().HaveCount(9);
        phqQuestionnaire.Copyright.Should().Contain("Pfizer");
        resources.OfType<Questionnaire>().Should().ContainSingle(q => q.Code.Any(c => c.System == "http://loinc.org" && c.Code == "69737-5"));

        var observations = resources.OfType<Observation>().ToList();
        var phqTotal = observations.Single(o => o.Code.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "44261-6"));
        Score(phqTotal).Should().Be(15);
        phqTotal.Interpretation.Single().Coding.Single().Code.Should().Be("moderately_severe");
        phqTotal.Subject!.Identifier!.Value.Should().Be(couple.PartnerId(0).ToString());
        var gadTotal = observations.Single(o => o.Code.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "70274-6"));
        Score(gadTotal).Should().Be(9);
        gadTotal.Interpretation.Single().Coding.Single().Code.Should().Be("mild");
        var csiTotal = observations.Single(o => o.Code.Coding.Any(c => c.Code == "CSI-4/total"));
        csiTotal.Code.Coding.Single().System.Should().NotBe("http://loinc.org");
        Score(csiTotal).Should().Be(15);
        // Avoidance: items 1–4 reversed (8 − 1 = 7) with 5–6 at 7 → 7; anxiety: 4.
        Score(observations.Single(o => o.Code.Coding.Any(c => c.Code == "ECR-RS/avoidance"))).Should().Be(7);
        Score(observations.Single(o => o.Code.Coding.Any(c => c.Code == "ECR-RS/anxiety"))).Should().Be(4);

        // Answers travel as each option's stored value, and the observation points back at its response.
        var phqResponse = resources.OfType<QuestionnaireResponse>().Single(r => r.Id == phq.Id().ToString());
        phqResponse.Status.Should().Be(QuestionnaireResponse.QuestionnaireResponseStatus.Completed);
        phqResponse.Item.Select(i => i.LinkId).Should().Equal(Enumerable.Range(1, 9).Select(n => $"phq9-{n}"));
        Answer(phqResponse.Item.Single(i => i.LinkId == "phq9-5")).Code.Should().Be("2");
        Answer(phqResponse.Item.Single(i => i.LinkId == "phq9-1")).Display.Should().Be("Nearly every day");
        phqTotal.DerivedFrom.Single().Reference.Should().Be($"urn:uuid:{phq.Id()}");

        (await factory.AuditAsync(couple, "couple.fhir_export"))["items"]!.AsArray().Should().ContainSingle();
    }

    private static decimal? Score(Observation observation) => observation.Value.Should().BeOfType<Quantity>().Subject.Value;

    private static Coding Answer(QuestionnaireResponse.ItemComponent item) =>
        item.Answer.Single().Value.Should().BeOfType<Coding>().Subject;

    [Fact]
    public async System.Threading.Tasks.Task Export_OfAnotherTherapistsCouple_Is404_AndAPartnerCannotExport()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var partner = await therapist.SignedInPartnerAsync(couple, 0);
        var intruder = await factory.SignedInTherapistAsync();

        (await intruder.GetAsync($"/api/couples/{couple.Id()}/fhir")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await partner.GetAsync($"/api/couples/{couple.Id()}/fhir")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
