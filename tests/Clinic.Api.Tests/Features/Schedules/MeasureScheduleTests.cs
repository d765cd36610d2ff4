using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Schedules;

/// <summary>
/// Schedules over HTTP: POST/GET/DELETE, the rules, requests made on their day by the round, one
/// copy to answer at a time, "missed two in a row" and "pending over 7 days" on the caseload.
/// Each test owns its factory's clock (moved forward in days), so this class holds one factory per test.
/// </summary>
public sealed class MeasureScheduleTests : IAsyncLifetime
{
    private readonly ClinicApiFactory _factory = new();
    private string _email = "";

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => _factory.DisposeAsync();

    /// <summary>A therapist signed in now (after the clock moved, the earlier tokens have expired).</summary>
    private async Task<ApiClient> TherapistAsync()
    {
        if (_email.Length == 0) _email = (await _factory.CreateTherapistAsync()).Email;
        return await _factory.SignInAsync(_email, Accounts.Password);
    }

    private static async Task<ApiClient> PartnerAgainAsync(ClinicApiFactory factory, System.Text.Json.Nodes.JsonNode couple, int index) =>
        await factory.SignInAsync(couple["partners"]![index]!["email"]!.GetValue<string>(), Accounts.Password);

    [Fact]
    public async Task ScheduleCsi4EveryTwoWeeks_ForBothPartners_AsksBothAtOnce_AndListsNextDue()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var today = _factory.PracticeToday();

        var first = await therapist.ScheduleAsync(couple, 0, today);
        await therapist.ScheduleAsync(couple, 1, today);

        first.Text("instrument").Should().Be("CSI-4");
        first["everyWeeks"]!.GetValue<int>().Should().Be(2);
        first["running"]!.GetValue<bool>().Should().BeTrue();
        first.Text("nextDueOn").Should().Be(today.AddDays(14).Iso());
        first["requests"]!.AsArray().Should().ContainSingle().Which!.Text("dueOn").Should().Be(today.Iso());
        foreach (var partner in new[] { alex, sam })
        {
            var waiting = (await partner.GetJsonAsync("/api/portal/questionnaires"))["items"]!.AsArray();
            waiting.Should().ContainSingle().Which!.Text("instrument").Should().Be("CSI-4");
        }
        var listed = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/measure-schedules")).AsArray();
        listed.Should().HaveCount(2);
        listed.Select(s => s!.Text("partnerId")).Should().BeEquivalentTo([couple.PartnerId(0).ToString(), couple.PartnerId(1).ToString()]);
        (await _factory.AuditAsync(couple, "measure_schedule.create"))["items"]!.AsArray().Should().HaveCount(2);
        (await _factory.RunScheduleRoundAsync()).Should().Be(0, "today's requests exist already");
    }

    [Fact]
    public async Task CreateSchedule_BadInput_Is400NamingTheField()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");
        var url = $"/api/couples/{couple.Id()}/measure-schedules";
        var today = _factory.PracticeToday();
        var partner = couple.PartnerId(0);

        async Task<IReadOnlyList<string>> Fields(object body) => await (await therapist.PostAsync(url, body)).ErrorFieldsAsync();

        (await Fields(new { partnerId = partner, instrument = "CSI-4", everyWeeks = 0, startsOn = today.Iso(), count = 3 })).Should().Equal("everyWeeks");
        (await Fields(new { partnerId = partner, instrument = "CSI-4", everyWeeks = 13, startsOn = today.Iso(), count = 3 })).Should().Equal("everyWeeks");
        (await Fields(new { partnerId = partner, instrument = "CSI-4", everyWeeks = 2, startsOn = today.Iso() })).Should().Equal("until");
        (await Fields(new { partnerId = partner, instrument = "CSI-4", everyWeeks = 2, startsOn = today.Iso(), until = today.AddDays(60).Iso(), count = 3 }))
            .Should().Equal("count");
        (await Fields(new { partnerId = partner, instrument = "CSI-4", everyWeeks = 2, startsOn = today.AddDays(-1).Iso(), count = 3 }))
            .Should().Equal("startsOn");
        (await Fields(new { partnerId = partner, instrument = "CSI-4", everyWeeks = 2, startsOn = today.Iso(), until = today.AddDays(-3).Iso() }))
            .Should().Equal("until");
        (await Fields(new { partnerId = partner, instrument = "ORS", everyWeeks = 2, startsOn = today.Iso(), count = 3 })).Should().Equal("instrument");
        (await Fields(new { partnerId = other.PartnerId(0), instrument = "CSI-4", everyWeeks = 2, startsOn = today.Iso(), count = 3 }))
            .Should().Equal("partnerId");
        (await therapist.GetJsonAsync(url)).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task SecondRunningSchedule_ForTheSamePartnerAndInstrument_Is409_AnotherCaseloadIs404()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var today = _factory.PracticeToday();
        await therapist.ScheduleAsync(couple, 0, today.AddDays(3), "PHQ-9", everyWeeks: 4);

        (await therapist.PostAsync($"/api/couples/{couple.Id()}/measure-schedules", ScheduleBuilders.NewSchedule(couple.PartnerId(0), today, "PHQ-9")))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
        await therapist.ScheduleAsync(couple, 0, today, "GAD-7"); // another instrument is fine
        var intruder = await _factory.SignedInTherapistAsync();
        (await intruder.GetAsync($"/api/couples/{couple.Id()}/measure-schedules")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await intruder.PostAsync($"/api/couples/{couple.Id()}/measure-schedules", ScheduleBuilders.NewSchedule(couple.PartnerId(1), today)))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RetriedCreate_WithTheSameIdempotencyKey_MakesOneSchedule()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var body = ScheduleBuilders.NewSchedule(couple.PartnerId(1), _factory.PracticeToday(), "GAD-7");
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "schedule-" + Guid.NewGuid() };

        var first = await therapist.PostAsync($"/api/couples/{couple.Id()}/measure-schedules", body, headers);
        var retry = await therapist.PostAsync($"/api/couples/{couple.Id()}/measure-schedules", body, headers);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.JsonAsync()).Id().Should().Be((await first.JsonAsync()).Id());
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/measure-schedules")).AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Round_MakesEachRequestOnItsDay_ClosesTheUnansweredOneAsMissed_AndTheCaseloadSaysMissedTwiceInARow()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 1);
        var today = _factory.PracticeToday();
        var schedule = await therapist.ScheduleAsync(couple, 1, today, "PHQ-9", everyWeeks: 1, count: 5);

        _factory.Clock.Advance(TimeSpan.FromDays(6));
        await _factory.RunScheduleRoundAsync();
        (await _factory.ScheduledRequestsAsync(schedule.Id())).Should().Equal((today, "pending"));

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        (await _factory.RunScheduleRoundAsync()).Should().Be(1);
        (await _factory.RunScheduleRoundAsync()).Should().Be(0, "one request per occurrence, however often the round runs");
        (await _factory.ScheduledRequestsAsync(schedule.Id())).Should().Equal((today, "missed"), (today.AddDays(7), "pending"));
        var sam = await PartnerAgainAsync(_factory, couple, 1);
        var portal = (await sam.GetJsonAsync("/api/portal/questionnaires"))["items"]!.AsArray();
        portal.Should().ContainSingle("the partner has one copy to answer, not two").Which!.Text("status").Should().Be("pending");

        therapist = await TherapistAsync();
        var row = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]![0]!;
        row["alerts"]!.AsArray().Select(a => a!.Text("code")).Should().NotContain("questionnaire_missed", "one miss is not two in a row");

        _factory.Clock.Advance(TimeSpan.FromDays(7));
        await _factory.RunScheduleRoundAsync();

        therapist = await TherapistAsync();
        row = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]![0]!;
        var missed = row["alerts"]!.AsArray().Single(a => a!.Text("code") == "questionnaire_missed")!;
        missed.Text("message").Should().Be("Missed two scheduled questionnaires in a row: Sam (PHQ-9).");

        // Answering the copy now waiting clears it: the last two closed requests are no longer both missed.
        sam = await PartnerAgainAsync(_factory, couple, 1);
        var waiting = (await sam.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!;
        (await sam.AnswerQuestionnaireAsync(waiting, Phq9(4))).Text("status").Should().Be("completed");
        row = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]![0]!;
        row["alerts"]!.AsArray().Select(a => a!.Text("code")).Should().NotContain("questionnaire_missed");
    }

    [Fact]
    public async Task PendingOverSevenDays_IsStillAnAlert_ForAScheduledRequest()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.ScheduleAsync(couple, 0, _factory.PracticeToday(), "GAD-7", everyWeeks: 4);

        _factory.Clock.Advance(TimeSpan.FromDays(8));
        await _factory.RunScheduleRoundAsync();

        therapist = await TherapistAsync();
        var alerts = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]![0]!["alerts"]!.AsArray();
        alerts.Single(a => a!.Text("code") == "questionnaire_pending")!.Text("message").Should().Be("Questionnaire pending for 8 days.");
    }

    [Fact]
    public async Task Stop_IsASoftEnd_NoMoreRequests_TheWaitingOneStaysAnswerable()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var schedule = await therapist.ScheduleAsync(couple, 0, _factory.PracticeToday(), "CSI-4", everyWeeks: 1, count: 10);

        var stopped = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete,
            $"/api/couples/{couple.Id()}/measure-schedules/{schedule.Id()}");
        var again = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete,
            $"/api/couples/{couple.Id()}/measure-schedules/{schedule.Id()}");

        stopped["stoppedAt"].Should().NotBeNull();
        stopped["running"]!.GetValue<bool>().Should().BeFalse();
        stopped["nextDueOn"].Should().BeNull();
        DateTimeOffset.Parse(again.Text("stoppedAt")).Should().BeCloseTo(DateTimeOffset.Parse(stopped.Text("stoppedAt")),
            TimeSpan.FromMilliseconds(1), "stopping a stopped schedule changes nothing (the database keeps microseconds)");
        var listed = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/measure-schedules")).AsArray();
        listed.Should().ContainSingle("a stopped schedule is kept").Which!["requests"]!.AsArray().Should().ContainSingle();
        await client.AnswerQuestionnaireAsync((await client.GetJsonAsync("/api/portal/questionnaires"))["items"]![0]!,
            Items("csi4", 5, 4, 4, 4));
        _factory.Clock.Advance(TimeSpan.FromDays(21));
        (await _factory.RunScheduleRoundAsync()).Should().Be(0);
        (await _factory.ScheduledRequestsAsync(schedule.Id())).Should().ContainSingle().Which.Status.Should().Be("completed");
    }

    [Fact]
    public async Task CountEndsTheSchedule_AndAFinishedOneMakesRoomForANewOne()
    {
        var therapist = await TherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var today = _factory.PracticeToday();
        var schedule = await therapist.ScheduleAsync(couple, 0, today, "GAD-7", everyWeeks: 2, count: 2);

        _factory.Clock.Advance(TimeSpan.FromDays(14));
        await _factory.RunScheduleRoundAsync();
        _factory.Clock.Advance(TimeSpan.FromDays(14));
        await _factory.RunScheduleRoundAsync();

        (await _factory.ScheduledRequestsAsync(schedule.Id())).Select(r => r.Due).Should().Equal(today, today.AddDays(14));
        therapist = await TherapistAsync();
        var listed = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/measure-schedules")).AsArray();
        listed.Single()!["running"]!.GetValue<bool>().Should().BeFalse("both requests were made");
        var next = await therapist.ScheduleAsync(couple, 0, _factory.PracticeToday(), "GAD-7", everyWeeks: 4, count: 3);
        next["running"]!.GetValue<bool>().Should().BeTrue();
        var all = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/measure-schedules")).AsArray();
        all.Should().HaveCount(2);
        all.Single(s => s!.Id() == schedule.Id())!["stoppedAt"].Should().NotBeNull("the finished one was ended, not deleted");
    }
}
