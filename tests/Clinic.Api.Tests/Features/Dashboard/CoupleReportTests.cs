using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Dashboard;

public sealed class CoupleReportTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ReportCsv_ListsSignedSessionsWithTheirCycleValuesAndTheDashboardTables_WithoutPrivateNotes()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var signed = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions",
            Caseload.NewSession(couple, "2026-11-09", intensityA: 7, intensityB: 6, note: "NOTE-MARKER private"));
        await therapist.PostJsonAsync($"/api/sessions/{signed.Id()}/sign", new { version = signed["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        await therapist.CreateSessionAsync(couple, "2026-11-13");
        await therapist.AssignAsync(couple);

        var response = await therapist.GetAsync($"/api/couples/{couple.Id()}/report.csv");
        var csv = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = csv.Split("\r\n");
        lines.Should().Contain("Signed sessions");
        lines.Should().Contain(l => l.StartsWith("date,start,minutes,attendance,eftStage,eftStep,Alex position,Alex intensity,Sam position,Sam intensity,"));
        lines.Should().Contain("2026-11-09,17:00,50,both,1,2,pursue,7,withdraw,6,3,8,120,chores; phone,cycleNamedByCouple,no,"
            + factory.Today().Iso() + ",Ada Moss");
        csv.Should().NotContain("2026-11-13", "only signed sessions are reported");
        csv.Should().NotContain("NOTE-MARKER");
        lines.Should().Contain(["Weekly homework adherence", "weekStart,partner,entries,expected,ratio"]);
        lines.Should().Contain(l => l.StartsWith("Attachment (ECR-RS)"));
        lines.Should().Contain(l => l.StartsWith("Turn balance"));
        lines.Should().Contain(l => l.StartsWith("Perception gaps"));
        var trail = (await factory.AuditAsync(couple, "couple.report"))["items"]!.AsArray();
        trail.Should().ContainSingle();
        trail[0]!["detail"]!.GetValue<string>().Should().Be("without notes");
    }

    [Fact]
    public async Task ReportCsv_CarriesEveryMeasure_WithItsBandAndChangeVerdict_AndIsNamedByTheCouplesInitialsAndDate()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(15), "2026-11-02");
        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(8), "2026-11-16");
        await therapist.RecordAsync(couple, 1, "GAD-7", Items("gad7", 2, 2, 2, 2, 1, 0, 0), "2026-11-02");
        await therapist.RecordAsync(couple, 1, "GAD-7", Items("gad7", 2, 2, 2, 1, 0, 0, 0), "2026-11-16");
        await therapist.RecordAsync(couple, 1, "CSI-4", Items("csi4", 6, 4, 3, 2), "2026-11-02");
        await therapist.RecordAsync(couple, 1, "CSI-4", Items("csi4", 5, 3, 2, 2), "2026-11-16");

        var response = await therapist.GetAsync($"/api/couples/{couple.Id()}/report.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");

        response.Content.Headers.ContentDisposition!.FileName.Should().Be($"progress-report-AS-{factory.Today().Iso()}.csv");
        var header = "administeredOn,partner,source,score,band,clinicalRange,previousScore,verdict,reading";
        lines.Should().Contain(l => l.StartsWith("CSI-4: Relationship satisfaction,"))
            .And.Contain(l => l.StartsWith("PHQ-9: Depression severity,"))
            .And.Contain(l => l.StartsWith("GAD-7: Anxiety severity,"));
        lines.Count(l => l == header).Should().Be(3, "one block per measure besides the ECR-RS");
        // PHQ-9 15 → 8: moderately severe to mild, 7 points down (6 or more is reliable).
        lines.Should().Contain("2026-11-02,Alex,therapist,15,Moderately severe,yes,,first score,");
        lines.Should().Contain(l => l.StartsWith("2026-11-16,Alex,therapist,8,Mild,no,15,reliable improvement,"));
        // GAD-7 9 → 7: 2 points, under the 4 the rule asks.
        lines.Should().Contain(l => l.StartsWith("2026-11-16,Sam,therapist,7,Mild,no,9,within measurement noise,"));
        // CSI-4 15 → 12: below the 13.5 cut-off now, and no sourced basis for a verdict.
        lines.Should().Contain(l => l.StartsWith("2026-11-16,Sam,therapist,12,,yes,15,no verdict,"));
        var csi = Array.FindIndex(lines, l => l.StartsWith("CSI-4"));
        var phq = Array.FindIndex(lines, l => l.StartsWith("PHQ-9"));
        csi.Should().BeLessThan(phq, "satisfaction comes first, as on the dashboard");
    }

    [Fact]
    public async Task FhirExport_IsADownloadNamedByTheCouplesInitialsAndDate()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.GetAsync($"/api/couples/{couple.Id()}/fhir");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().Be($"measures-AS-{factory.Today().Iso()}.fhir.json");
    }

    [Fact]
    public async Task Report_WithNotesTicked_CarriesNotesAndAmendments_AndTheAuditSaysSo()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var signed = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions",
            Caseload.NewSession(couple, "2026-11-09", note: "NOTE-MARKER, with a comma"));
        await therapist.PostJsonAsync($"/api/sessions/{signed.Id()}/sign", new { version = signed["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        await therapist.PostJsonAsync($"/api/sessions/{signed.Id()}/amendments", new { text = "=cmd|' /C calc'!A0" });

        var csv = await (await therapist.GetAsync($"/api/couples/{couple.Id()}/report.csv?includeNotes=true")).Content.ReadAsStringAsync();
        var json = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/report?includeNotes=true");
        var plain = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/report");

        csv.Should().Contain("\"NOTE-MARKER, with a comma\"");
        csv.Should().Contain("Ada Moss: =cmd", "the amendment is reported with its author")
            .And.NotContain(",=cmd", "a cell never starts with a formula");
        json["sessions"]![0]!["note"]!.GetValue<string>().Should().Be("NOTE-MARKER, with a comma");
        json["includesNotes"]!.GetValue<bool>().Should().BeTrue();
        plain["sessions"]![0]!["note"].Should().BeNull();
        plain["sessions"]![0]!["amendments"].Should().BeNull();
        plain["dashboard"]!["displayName"]!.GetValue<string>().Should().Be("Alex & Sam");
        (await factory.AuditAsync(couple, "couple.report"))["items"]!.AsArray().Select(e => e!["detail"]!.GetValue<string>())
            .Should().BeEquivalentTo("with private notes", "with private notes", "without notes");
    }

    [Fact]
    public async Task ReportCsv_AFormulaAfterASemicolonOrComma_IsQuotedAndNeutralised_LikeALeadingOne()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        foreach (var (date, note) in new[] { ("2026-11-09", "Calm;=HYPERLINK(\"http://x\")"), ("2026-11-16", "Better, +1 on last week") })
        {
            var session = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, date, note: note));
            await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        }

        var csv = await (await therapist.GetAsync($"/api/couples/{couple.Id()}/report.csv?includeNotes=true")).Content.ReadAsStringAsync();

        csv.Should().Contain("\"'Calm;=HYPERLINK(\"\"http://x\"\")\"");
        csv.Should().Contain("\"'Better, +1 on last week\"");
        csv.Should().NotContain(",Calm;=").And.NotContain("\"Better, +1");
    }

    [Fact]
    public async Task ReportCsv_AfterACorrection_ReportsTheCorrectedValueAndMarksIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var signed = await therapist.CreateSessionAsync(couple, "2026-11-09", intensityA: 7);
        await therapist.PostJsonAsync($"/api/sessions/{signed.Id()}/sign", new { version = signed["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        var corrected = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            Caseload.NewSession(couple, intensityA: 3), ApiClient.Json))!["cycle"]!;
        await therapist.PostJsonAsync($"/api/sessions/{signed.Id()}/amendments", new { text = "Alex's rating was 3.", cycle = corrected });

        var csv = await (await therapist.GetAsync($"/api/couples/{couple.Id()}/report.csv")).Content.ReadAsStringAsync();

        csv.Split("\r\n").Should().Contain(l => l.StartsWith("2026-11-09,17:00,50,both,1,2,pursue,3,withdraw,6,") && l.Contains(",yes,"));
    }

    [Fact]
    public async Task Report_OfAnotherTherapistsCouple_Returns404()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var other = await factory.SignedInTherapistAsync();

        (await other.GetAsync($"/api/couples/{couple.Id()}/report.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/couples/{couple.Id()}/report")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Report_WithChosenThreads_CarriesOnlyThose_OldestFirst_AndAuditsEachThreadRead()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        await a.WriteAsync(t.Joint, "JOINT-1 we had a good week");
        await therapist.WriteAsync(t.Joint, "JOINT-2 glad to hear it");
        await a.WriteAsync(t.PrivateA, "=SUM(1,2) PRIVATE-A");
        await b.WriteAsync(t.PrivateB, "PRIVATE-B not for the report");
        var url = $"/api/couples/{couple.Id()}/report";

        var plain = await therapist.GetJsonAsync(url);
        var chosen = await therapist.GetJsonAsync($"{url}?threads={t.PrivateA}&threads={t.Joint}");
        var csv = await (await therapist.GetAsync($"{url}.csv?threads={t.PrivateA}&threads={t.Joint}")).Content.ReadAsStringAsync();

        plain["threads"]!.AsArray().Should().BeEmpty("no thread leaves the record unless chosen");
        plain.ToJsonString().Should().NotContain("JOINT-1").And.NotContain("PRIVATE-");
        var threads = chosen["threads"]!.AsArray();
        threads.Select(x => x!["threadId"]!.GetValue<Guid>()).Should().Equal(t.Joint, t.PrivateA);
        threads[0]!["messages"]!.AsArray().Select(m => m!["body"]!.GetValue<string>()).Should().Equal("JOINT-1 we had a good week", "JOINT-2 glad to hear it");
        threads[0]!["messages"]![1]!["authorRole"]!.GetValue<string>().Should().Be("therapist");
        threads[1]!["partnerName"]!.GetValue<string>().Should().Be("Alex");
        chosen.ToJsonString().Should().NotContain("PRIVATE-B");
        csv.Should().Contain("Messages: joint thread").And.Contain("Messages: Alex's private thread").And.Contain("JOINT-2 glad to hear it")
            .And.NotContain("PRIVATE-B");
        csv.Should().Contain("\"'=SUM(1,2) PRIVATE-A\"", "a message is a cell like any other: never a formula");
        var audit = (await factory.AuditAsync(couple, "message.report"))["items"]!.AsArray();
        audit.Select(e => e!["resourceId"]!.GetValue<Guid>()).Should().BeEquivalentTo([t.Joint, t.PrivateA, t.Joint, t.PrivateA], "JSON and CSV, two threads each");
        (await factory.AuditAsync(couple, "couple.report"))["items"]!.AsArray().Select(e => e!["detail"]!.GetValue<string>())
            .Should().Contain("without notes, 2 message threads");
    }

    [Fact]
    public async Task Report_WithAnotherCouplesThread_Is400NamingThreads_AndReadsNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var mine = await therapist.ThreadsAsync(couple);
        var otherTherapist = await factory.SignedInTherapistAsync();
        var otherCouple = await otherTherapist.CreateCoupleAsync("Kim", "Lee");
        var theirs = await otherTherapist.ThreadsAsync(otherCouple);
        var (y, _) = await otherTherapist.PartnersAsync(otherCouple);
        await y.WriteAsync(theirs.PrivateA, "OTHER-COUPLE secret");
        var url = $"/api/couples/{couple.Id()}/report";

        var foreign = await therapist.GetAsync($"{url}?threads={mine.Joint}&threads={theirs.PrivateA}");
        var notAGuid = await therapist.GetAsync($"{url}?threads=joint");
        var notMine = await otherTherapist.GetAsync($"{url}?threads={mine.Joint}");

        foreign.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await foreign.ErrorFieldsAsync()).Should().Equal("threads");
        (await foreign.Content.ReadAsStringAsync()).Should().NotContain("OTHER-COUPLE");
        notAGuid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        notMine.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.AuditAsync(couple, "message.report"))["items"]!.AsArray().Should().BeEmpty();
    }
}
