using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Supervision;

/// <summary>Issue 34 item 3: the supervision log, its totals by month and since a day, and its CSV.</summary>
public sealed class SupervisionLogTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private const string Url = "/api/supervision/meetings";

    private static object Meeting(string metOn, int minutes, string format, Guid[]? coupleIds = null, string notes = "") =>
        new { metOn, durationMinutes = minutes, format, coupleIds = coupleIds ?? [], notes };

    /// <summary>Four meetings over two months: October 60 + 90 (individual, group), November 50 + 120.</summary>
    private static async Task<JsonNode> LogKnownSetAsync(ApiClient therapist, JsonNode couple)
    {
        var first = await therapist.PostJsonAsync(Url, Meeting("2025-10-06", 60, "individual", [couple.Id()], "Stage 1 de-escalation; Alex's withdrawal."));
        await therapist.PostJsonAsync(Url, Meeting("2025-10-20", 90, "group"));
        await therapist.PostJsonAsync(Url, Meeting("2025-11-03", 50, "individual", [couple.Id()]));
        await therapist.PostJsonAsync(Url, Meeting("2025-11-17", 120, "group", notes: "=HYPERLINK(\"x\")"));
        return first;
    }

    [Fact]
    public async Task TheLog_TotalsByMonthAndSinceADay()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var first = await LogKnownSetAsync(therapist, couple);

        var all = await therapist.GetJsonAsync(Url);
        var since = await therapist.GetJsonAsync($"{Url}?since=2025-10-20");

        first["couples"]![0]!["coupleId"]!.GetValue<Guid>().Should().Be(couple.Id());
        first["couples"]![0]!["initials"]!.GetValue<string>().Should().Be("AS");
        first["couples"]![0]!["displayName"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        first["format"]!.GetValue<string>().Should().Be("individual");
        all["meetings"]!.AsArray().Select(m => m!["metOn"]!.GetValue<string>())
            .Should().Equal("2025-11-17", "2025-11-03", "2025-10-20", "2025-10-06");
        all["byMonth"]!.AsArray().Select(m => (m!["month"]!.GetValue<string>(), m["meetings"]!.GetValue<int>(), m["minutes"]!.GetValue<int>(),
                m["hours"]!.GetValue<double>(), m["individualMinutes"]!.GetValue<int>(), m["groupMinutes"]!.GetValue<int>()))
            .Should().Equal(("2025-11", 2, 170, 2.83, 50, 120), ("2025-10", 2, 150, 2.5, 60, 90));
        all["total"]!["minutes"]!.GetValue<int>().Should().Be(320);
        all["total"]!["hours"]!.GetValue<double>().Should().Be(5.33);
        since["total"]!["since"]!.GetValue<string>().Should().Be("2025-10-20");
        since["total"]!["meetings"]!.GetValue<int>().Should().Be(3);
        since["total"]!["minutes"]!.GetValue<int>().Should().Be(260);
        since["total"]!["hours"]!.GetValue<double>().Should().Be(4.33);
        since["total"]!["individualMinutes"]!.GetValue<int>().Should().Be(50);
        since["total"]!["groupMinutes"]!.GetValue<int>().Should().Be(210);
    }

    [Fact]
    public async Task TheCsv_CarriesTheMeetingsAndTotals_NotesOnlyWhenAsked_AndNeutralisesFormulas()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await LogKnownSetAsync(therapist, couple);

        var plain = await therapist.GetAsync($"{Url}.csv");
        var withNotes = await ResponseJson.TextAsync(await therapist.GetAsync($"{Url}.csv?includeNotes=true&since=2025-11-01"));
        var text = await ResponseJson.TextAsync(plain);

        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        plain.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        plain.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().StartWith("supervision-log-");
        var lines = text.Split("\r\n");
        lines[0].Should().Be("Date,Minutes,Hours,Format,Couples discussed");
        lines[1].Should().Be("2025-10-06,60,1,individual,AS");
        lines[4].Should().Be("2025-11-17,120,2,group,");
        text.Should().Contain("2025-10,2,2.5,1,1.5\r\n").And.Contain("2025-11,2,2.83,0.83,2\r\n").And.Contain("Total,4,5.33,1.83,3.5\r\n");
        text.Should().NotContain("withdrawal", "notes stay out unless asked for");
        withNotes.Split("\r\n")[0].Should().Be("Date,Minutes,Hours,Format,Couples discussed,Notes");
        withNotes.Should().Contain("2025-11-17,120,2,group,,\"'=HYPERLINK(\"\"x\"\")\"").And.Contain("Total 2025-11-01 to today,2,2.83");
    }

    [Fact]
    public async Task LoggingWithBadInput_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var theirs = await other.CreateCoupleAsync();
        var tomorrow = factory.PracticeToday().AddDays(1).Iso();

        var missing = await therapist.PostAsync(Url, new { durationMinutes = 0, notes = new string('x', 4001) });
        var future = await therapist.PostAsync(Url, Meeting(tomorrow, 60, "individual", [theirs.Id(), Guid.NewGuid()]));
        var badFormat = await therapist.PostAsync(Url, """{"metOn":"2025-10-06","durationMinutes":60,"format":"phone","coupleIds":[]}""");
        var badPeriod = await therapist.GetAsync($"{Url}?since=2025-11-01&until=2025-10-01");

        (await missing.ErrorFieldsAsync()).Should().BeEquivalentTo("metOn", "durationMinutes", "format", "notes");
        (await future.ErrorFieldsAsync()).Should().BeEquivalentTo("metOn", "coupleIds[0]", "coupleIds[1]");
        (await badFormat.ErrorFieldsAsync()).Should().Equal("format");
        (await badPeriod.ErrorFieldsAsync()).Should().Equal("until");
        (await therapist.GetJsonAsync(Url))["meetings"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AnotherTherapistsMeetings_AreNotListed_AndReadAs404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var mine = await therapist.PostJsonAsync(Url, Meeting("2025-10-06", 60, "individual"));

        var theirList = await other.GetJsonAsync(Url);
        var theirRead = await other.GetAsync($"{Url}/{mine.Id()}");
        var theirCsv = await ResponseJson.TextAsync(await other.GetAsync($"{Url}.csv"));

        theirList["meetings"]!.AsArray().Should().BeEmpty();
        theirList["total"]!["minutes"]!.GetValue<int>().Should().Be(0);
        theirRead.StatusCode.Should().Be(HttpStatusCode.NotFound);
        theirCsv.Should().NotContain("2025-10-06");
        (await therapist.GetJsonAsync($"{Url}/{mine.Id()}"))["durationMinutes"]!.GetValue<int>().Should().Be(60);
        (await (await factory.AdminAsync()).GetAsync(Url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASupervisor_NamesASuperviseesCouple_WhileTheLinkIsActive_AndSeesOnlyInitialsAfterItEnds()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var couple = await trainee.CreateCoupleAsync();
        var link = await factory.LinkAsync(trainee, supervisor);

        var logged = await supervisor.PostJsonAsync(Url, Meeting(factory.PracticeToday().AddDays(-2).Iso(), 60, "individual", [couple.Id()]));
        await factory.EndLinkAsync(link);
        var afterEnd = await supervisor.GetJsonAsync($"{Url}/{logged.Id()}");
        var refused = await supervisor.PostAsync(Url, Meeting(factory.PracticeToday().Iso(), 30, "individual", [couple.Id()]));

        logged["couples"]![0]!["displayName"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        afterEnd["couples"]![0]!["displayName"].Should().BeNull();
        afterEnd["couples"]![0]!["initials"]!.GetValue<string>().Should().Be("AS");
        (await refused.ErrorFieldsAsync()).Should().Equal("coupleIds[0]");
    }

    [Fact]
    public async Task ARetriedLog_WithTheSameIdempotencyKey_CreatesOneMeeting_AndIsAuditedOnTheCouple()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = Meeting("2025-10-06", 60, "individual", [couple.Id()]);

        var first = await therapist.PostAsync(Url, body, headers);
        var retry = await therapist.PostAsync(Url, body, headers);
        var audit = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.JsonAsync()).Id().Should().Be((await first.JsonAsync()).Id());
        (await therapist.GetJsonAsync(Url))["meetings"]!.AsArray().Should().HaveCount(1);
        audit["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should().Contain("supervision.meeting_create");
    }
}
