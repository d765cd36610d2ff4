using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Clinic.Api.Tests.Features.Fhir;

/// <summary>
/// GET /api/admin/export: every couple as one FHIR R4 Bundle a line (NDJSON), each parsed back strictly by the Firely
/// SDK and valid against the R4 model (cardinality, required elements), with the sessions, measures, homework and signed agreements.
/// </summary>
public sealed class PracticeExportTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async System.Threading.Tasks.Task Export_IsOneValidBundlePerCouple_WithSessionsMeasuresHomeworkAndConsents()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var record = await therapist.FullRecordAsync("Fern", "Hugo");
        var other = await therapist.CreateCoupleAsync("Quiet", "Pair");
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync("/api/admin/export");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+ndjson");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var couples = await factory.ScalarAsync<long>("SELECT count(*) FROM couples");
        lines.Should().HaveCount((int)couples, "one Bundle a line, one line a couple");
        // The SDK's deserializer is strict by default: an unknown element, a wrong type or a missing mandatory element throws.
        var parser = new FhirJsonDeserializer(new DeserializerSettings());
        var bundles = lines.Select(parser.Deserialize<Bundle>).ToList();
        bundles.Should().OnlyContain(b => b.Type == Bundle.BundleType.Collection);

        var full = bundles.Single(b => b.Id == record.Couple.Id().ToString());
        var resources = full.Entry.Select(e => e.Resource).ToList();
        resources.OfType<Group>().Single().Name.Should().Be("Fern & Hugo");
        resources.OfType<Patient>().Select(p => p.Name[0].Given.Single()).Should().BeEquivalentTo("Fern", "Hugo");
        resources.OfType<Practitioner>().Single().Name[0].Family.Should().Be("Moss");
        resources.OfType<Encounter>().Should().HaveCount(2, "two sessions");
        var sessionRecord = resources.OfType<Observation>().Where(o => o.Code.Coding[0].Code == "session-record").ToList();
        sessionRecord.Should().HaveCount(2);
        sessionRecord.SelectMany(o => o.Note).Select(n => n.Text).Should().Contain(t => t.Contains("named the chase first"), "amendments travel");
        resources.OfType<Observation>().Count(o => o.Code.Coding[0].Code == "cycle-rating").Should().Be(4, "two partners in each of two sessions");
        resources.OfType<QuestionnaireResponse>().Count(r => r.Questionnaire!.StartsWith("urn:clinic:measures")).Should().Be(2, "two measures");
        resources.OfType<CarePlan>().Should().HaveCount(2);
        var entries = resources.OfType<QuestionnaireResponse>().Where(r => r.Questionnaire!.StartsWith("urn:clinic:exercise")).ToList();
        entries.Should().HaveCount(3);
        entries.Should().OnlyContain(r => r.BasedOn.Single().Reference!.StartsWith("urn:uuid:"));
        var consent = resources.OfType<Consent>().Should().ContainSingle("Fern signed the consent; Hugo declined it").Subject;
        consent.Status.Should().Be(Consent.ConsentState.Active);
        consent.Patient!.Reference.Should().Be($"urn:uuid:{record.Couple.PartnerId(0)}");
        System.Text.Encoding.UTF8.GetString(consent.Source.Should().BeOfType<Attachment>().Subject.Data!).Should().Be(AgreementBuilders.ConsentBody);
        consent.Extension.Single(e => e.Url == "urn:clinic:extension:signature").Value!.ToString().Should().Contain(record.Couple.FullName(0));
        var references = full.Entry.Select(e => e.FullUrl).ToHashSet();
        resources.OfType<Encounter>().Should().OnlyContain(e => references.Contains(e.Subject!.Reference!), "references resolve inside the Bundle");
        bundles.Should().Contain(b => b.Id == other.Id().ToString());
        var trail = await admin.GetJsonAsync("/api/admin/audit?action=practice.export");
        trail["items"]!.AsArray().Should().ContainSingle();
    }
}
