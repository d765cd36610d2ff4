using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Features.TreatmentPlans;

/// <summary>
/// The signed closing summary travels with the record (issue 29 item 5): in the progress report (JSON for the print view,
/// and CSV) and in the practice's FHIR export as a Composition (LOINC 18842-5) attested by the therapist.
/// </summary>
public sealed class ClosingSummaryRecordTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private const string Summary = "Six sessions; both report feeling close again.\nCSI-4 rose above the cut-off for both.";

    private static async System.Threading.Tasks.Task<System.Text.Json.Nodes.JsonNode> ClosedAsync(ApiClient therapist, string first, string second)
    {
        var couple = await therapist.CreateCoupleAsync(first, second);
        await therapist.CreateSessionAsync(couple, "2026-11-09");
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/close",
            new { version = couple["version"]!.GetValue<uint>(), reason = "goals_met", summary = Summary }, HttpStatusCode.OK);
        return couple;
    }

    [Fact]
    public async Task Report_OfAClosedCase_CarriesTheSignedClosingSummary_InJsonAndCsv_AndAnOpenCaseHasNone()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var closed = await ClosedAsync(therapist, "Rosa", "Tim");
        var open = await therapist.CreateCoupleAsync("Uma", "Vic");

        var report = await therapist.GetJsonAsync($"/api/couples/{closed.Id()}/report");
        var csv = await (await therapist.GetAsync($"/api/couples/{closed.Id()}/report.csv")).Content.ReadAsStringAsync();
        var openReport = await therapist.GetJsonAsync($"/api/couples/{open.Id()}/report");
        var openCsv = await (await therapist.GetAsync($"/api/couples/{open.Id()}/report.csv")).Content.ReadAsStringAsync();

        var closing = report["closingSummary"]!;
        closing["reason"]!.GetValue<string>().Should().Be("goals_met");
        closing["summary"]!.GetValue<string>().Should().Be(Summary);
        closing["signedByName"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        closing["closedOn"]!.GetValue<string>().Should().Be(factory.Today().Iso());
        var lines = csv.Split("\r\n");
        var title = Array.IndexOf(lines, "Closing summary");
        title.Should().BePositive("the CSV has a closing summary block");
        lines[title + 1].Should().Be("closedOn,reason,safetyConfirmed,signedAt,signedBy,summary");
        lines[title + 2].Should().StartWith($"{factory.Today().Iso()},goals_met,no,").And.Contain("\"Six sessions; both report feeling close again.");
        csv.Should().Contain("CSI-4 rose above the cut-off for both.\"");
        openReport["closingSummary"].Should().BeNull();
        openCsv.Should().NotContain("Closing summary");
    }

    [Fact]
    public async Task PracticeExport_HasTheClosingSummaryAsAFinalCompositionAttestedByTheTherapist()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var closed = await ClosedAsync(therapist, "Wren", "Xan");
        var open = await therapist.CreateCoupleAsync("Yara", "Zed");
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync("/api/admin/export");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var parser = new FhirJsonDeserializer(new DeserializerSettings());
        var bundles = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(parser.Deserialize<Bundle>).ToDictionary(b => b.Id!);
        var entry = bundles[closed.Id().ToString()].Entry.Should().ContainSingle(e => e.Resource is Composition).Subject;
        var composition = (Composition)entry.Resource!;
        composition.Status.Should().Be(CompositionStatus.Final);
        composition.Type!.Coding.Single().Code.Should().Be("18842-5");
        composition.Subject!.Reference.Should().Be($"urn:uuid:{closed.Id()}", "the summary is about the couple (the Group)");
        var practitioner = composition.Author.Single().Reference;
        bundles[closed.Id().ToString()].Entry.Select(e => e.FullUrl).Should().Contain(practitioner).And.Contain(entry.FullUrl);
        var attester = composition.Attester.Single();
        attester.Mode.Should().Be(Composition.CompositionAttestationMode.Legal);
        attester.Party!.Reference.Should().Be(practitioner);
        attester.Time.Should().Be(composition.Date);
        composition.Event.Single().Period!.End.Should().Be(factory.Today().Iso());
        composition.Section.Select(s => s.Title).Should().Equal("Reason for closing", "Summary");
        composition.Section[0].Code!.Coding.Single().Code.Should().Be("closing-reason:goals_met");
        composition.Section[1].Text!.Div.Should().Contain("Six sessions; both report feeling close again.<br/>CSI-4 rose above the cut-off for both.");
        bundles[open.Id().ToString()].Entry.Should().NotContain(e => e.Resource is Composition, "an open case has no closing summary");
    }
}
