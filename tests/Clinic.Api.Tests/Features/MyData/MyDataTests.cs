using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.MyData;

/// <summary>
/// GET /api/portal/my-data (right of access): a ZIP of a JSON document and a readable page with everything the
/// partner entered or was shown — and nothing of the therapist's notes, risk records or the other partner's private data.
/// </summary>
public sealed class MyDataTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task MyData_HoldsMyEntries_MyPartnersSharedOnes_MyAnswers_AndAppointments_AsJsonAndHtml()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var record = await therapist.FullRecordAsync("Tess", "Omar");
        var both = (await therapist.GetJsonAsync($"/api/couples/{record.Couple.Id()}/homework?pageSize=100"))["items"]!.AsArray()
            .Single(a => a!["assignedTo"]!.GetValue<string>() == "both")!;
        await record.PartnerB.LogAsync(both, HomeworkBuilders.TurnsEntry(factory.Today(), "supporting", "shared", feltHeard: 5));

        var (json, html) = await DownloadAsync(record.PartnerA);

        json["practice"]!.GetValue<string>().Should().NotBeEmpty();
        json["profile"]!["firstName"]!.GetValue<string>().Should().Be("Tess");
        json["profile"]!.AsObject().ContainsKey("couple").Should().BeFalse("the copy names no one but its partner, as the portal does");
        var homework = json["homework"]!.AsArray();
        homework.Should().HaveCount(2, "both the joint exercise and Tess's own");
        var joint = homework.Single(h => h!["assignedTo"]!.GetValue<string>() == "both")!;
        var entries = joint["entries"]!.AsArray();
        entries.Should().Contain(e => e!["author"]!.GetValue<string>() == "you" && e["fields"]!["feltHeard"]!.GetValue<int>() == 4);
        entries.Should().ContainSingle(e => e!["author"]!.GetValue<string>() == "your partner")
            .Which!["fields"]!["feltHeard"]!.GetValue<int>().Should().Be(5, "the entry Omar shared is one Tess could see");
        var questionnaire = json["questionnaires"]!.AsArray().Should().ContainSingle().Subject!;
        questionnaire["answers"]!.AsArray().Should().HaveCount(9);
        questionnaire["results"].Should().NotBeNull("the therapist shared the results when asking");
        json["appointments"]!.AsArray().Should().ContainSingle();
        json["cycleMap"]!["exit"]!.GetValue<string>().Should().NotBeEmpty();
        var agreement = json["agreements"]!.AsArray().Should().ContainSingle().Subject!;
        agreement["status"]!.GetValue<string>().Should().Be("signed");
        agreement["text"]!.GetValue<string>().Should().Be(AgreementBuilders.ConsentBody);
        agreement["mySignature"]!["typedName"]!.GetValue<string>().Should().Be(record.Couple.FullName(0));
        var form = json["intakeForms"]!.AsArray().Should().ContainSingle().Subject!;
        form["answers"]!.AsArray().Should().Contain(x => x!["answer"]!.ToString() == "Tess and Omar fight about chores.");
        var release = json["releases"]!.AsArray().Should().ContainSingle().Subject!;
        release["recipient"]!.GetValue<string>().Should().Be("Dr Rivera, family doctor");
        release["myTypedName"]!.GetValue<string>().Should().Be(record.Couple.FullName(0));

        html.Should().StartWith("<!doctype html>").And.Contain("About you").And.Contain("Tess").And.Contain("Homework and your entries")
            .And.NotContain("<script");
    }

    [Fact]
    public async Task MyData_NeverHoldsTheOtherPartnersPrivateEntries_TherapistNotes_RiskRecords_OrCheckIns()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var record = await therapist.FullRecordAsync("Ines", "Karl");
        var both = (await therapist.GetJsonAsync($"/api/couples/{record.Couple.Id()}/homework?pageSize=100"))["items"]!.AsArray()
            .Single(a => a!["assignedTo"]!.GetValue<string>() == "both")!;
        var privateFields = HomeworkBuilders.TurnsEntry(factory.Today(), "supporting", "private", feltHeard: 2);
        await record.PartnerB.LogAsync(both, privateFields);
        var session = await therapist.PostJsonAsync($"/api/couples/{record.Couple.Id()}/sessions",
            Caseload.NewSession(record.Couple, "2026-11-23", note: "THERAPIST-ONLY-NOTE Karl disclosed an affair."));
        await therapist.PutRiskRecordAsync(record.Couple, 0, SafetyBuilders.RiskRecord(planNotes: "RISK-PLAN-NOTE"));
        var karlPrivate = await PrivateEntryIdsAsync(record.Couple.PartnerId(1));

        var (json, html) = await DownloadAsync(record.PartnerA);

        var text = json.ToJsonString();
        karlPrivate.Should().HaveCount(2);
        json["homework"]!.AsArray().SelectMany(h => h!["entries"]!.AsArray())
            .Where(e => e!["author"]!.GetValue<string>() == "your partner")
            .Should().BeEmpty("Karl shared nothing: both his entries are private and stay his");
        foreach (var secret in new[] { "THERAPIST-ONLY-NOTE", "RISK-PLAN-NOTE", "Check in weekly", "named the chase first", "arrived late" })
        {
            text.Should().NotContain(secret);
            html.Should().NotContain(secret);
        }
        text.Should().NotContainAny("safeAtHome", "afraidToSpeakInJointSessions", "riskRecord", "flag");
        session.Should().NotBeNull();
        json["questionnaires"]!.AsArray().Should().ContainSingle("only the questionnaire sent to Ines, never Karl's");
        json["agreements"]![0]!["myDecline"].Should().BeNull("Ines signed; Karl's decline is his");
        text.Should().NotContain("Karl wants to talk first");
        html.Should().NotContain("Karl wants to talk first");
    }

    [Fact]
    public async Task MyData_OfThePartnerWhoDeclined_HoldsTheirOwnReason_NeverTheOthersSignature_FormOrRelease()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var record = await therapist.FullRecordAsync("Vera", "Luc");

        var (json, html) = await DownloadAsync(record.PartnerB);

        var agreement = json["agreements"]!.AsArray().Should().ContainSingle().Subject!;
        agreement["status"]!.GetValue<string>().Should().Be("declined");
        agreement["myDecline"]!["reason"]!.GetValue<string>().Should().Be("Luc wants to talk first.");
        agreement["mySignature"].Should().BeNull("Vera's signature is hers");
        json["intakeForms"]!.AsArray().Should().BeEmpty("the intake form was sent to Vera alone");
        json["releases"]!.AsArray().Should().BeEmpty("the release is about Vera alone");
        foreach (var secret in new[] { record.Couple.FullName(0), "fight about chores", "Dr Rivera", AgreementBuilders.UserAgent })
        {
            json.ToJsonString().Should().NotContain(secret);
            html.Should().NotContain(secret);
        }
    }

    [Fact]
    public async Task MyData_IsAudited_OnlyForClients_AndRateLimitedPerAccount()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Rate", "Limit");
        var partner = await therapist.SignedInPartnerAsync(couple, 0);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) statuses.Add((await partner.GetAsync("/api/portal/my-data")).StatusCode);

        statuses.Take(6).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[6].Should().Be(HttpStatusCode.TooManyRequests);
        (await therapist.GetAsync("/api/portal/my-data")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var trail = await factory.AuditAsync(couple, "portal.my_data.export");
        trail["total"]!.GetValue<int>().Should().Be(6);
    }

    private async Task<(JsonNode Json, string Html)> DownloadAsync(ApiClient partner)
    {
        var response = await partner.GetAsync("/api/portal/my-data");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("my-data-");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo("my-data.json", "my-data.html");
        using var json = new StreamReader(zip.GetEntry("my-data.json")!.Open());
        using var html = new StreamReader(zip.GetEntry("my-data.html")!.Open());
        return (JsonNode.Parse(await json.ReadToEndAsync())!, await html.ReadToEndAsync());
    }

    private async Task<List<Guid>> PrivateEntryIdsAsync(Guid partnerId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM homework_entries WHERE author_partner_id = $1 AND visibility = 'private'", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = partnerId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        ids.Should().NotBeEmpty();
        return ids;
    }
}
