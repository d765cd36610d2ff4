using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.TreatmentPlans;

public sealed class ClosingTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static object Close(uint version, string reason = "goals_met", string summary = "Goals met; the couple repair on their own.",
        bool? confirmSafety = null) => new { version, reason, summary, confirmSafety };

    [Fact]
    public async Task Draft_IsWrittenFromTheRecord_SessionsStageGoalsMeasuresCycleAndSafety()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CreateSessionAsync(couple, "2026-11-02", 8, 7);
        await therapist.CreateSessionAsync(couple, "2026-11-09", 7, 6);
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, "2026-11-16", 5, 4, stage: 2, step: 5));
        await therapist.CreateSessionAsync(couple, "2026-11-23", 3, 2);
        var missed = Caseload.NewSession(couple, "2026-11-30");
        var missedJson = System.Text.Json.JsonSerializer.SerializeToNode(missed, ApiClient.Json)!;
        missedJson["attendance"] = "cancelled";
        missedJson["cycle"] = null;
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", missedJson);
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(14), "2026-11-02");
        await therapist.RecordAsync(couple, 0, "PHQ-9", AssessmentBuilders.Phq9(6), "2026-11-23");
        await therapist.SavePlanAsync(couple, 0, Goal("Calmer arguments.", measure: Measure("cycle", "at_most", 5)));

        var draft = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/closing-summary/draft");

        draft["sessionsHeld"]!.GetValue<int>().Should().Be(4);
        draft["sessionsMissed"]!.GetValue<int>().Should().Be(1);
        draft["stageReached"]!.GetValue<int>().Should().Be(2);
        // Session means 7.5, 6.5, 4.5, 2.5: first three 6.17, last three 4.5.
        draft["cycleFirstThree"]!.GetValue<double>().Should().Be(6.17);
        draft["cycleLastThree"]!.GetValue<double>().Should().Be(4.5);
        var phq = draft["measures"]!.AsArray().Single(m => m!["instrument"]!.GetValue<string>() == "PHQ-9")!;
        (phq["first"]!.GetValue<double>(), phq["last"]!.GetValue<double>()).Should().Be((14, 6));
        phq["verdict"]!.GetValue<string>().Should().Contain("reliable decrease");
        draft["openSafetyItems"]!.GetValue<bool>().Should().BeFalse();
        var text = draft["text"]!.GetValue<string>();
        text.Should().Contain("Sessions held: 4; missed or cancelled: 1 (first 2 Nov 2026, last 23 Nov 2026).")
            .And.Contain("EFT stage reached: 2.").And.Contain("- Calmer arguments. [active] — final value 4.5, Target reached on 23 Nov 2026.")
            .And.Contain("Alex, PHQ-9 total: 14 (2 Nov 2026) → 6 (23 Nov 2026).").And.Contain("Open safety items: none.");
        text.Should().NotMatchRegex(@"\d{4}-\d{2}-\d{2}", "the draft is for people: dates as the screens write them, not ISO");
    }

    [Fact]
    public async Task Close_SignsTheSummaryAndClosesTheCouple_AndTheUpdateRouteRefusesToClose()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var version = couple["version"]!.GetValue<uint>();

        var byUpdate = await therapist.PatchAsync($"/api/couples/{couple.Id()}", new { version, status = "closed" });
        var noReason = await therapist.PostAsync($"/api/couples/{couple.Id()}/close", new { version, summary = "" });
        var closed = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/close", Close(version), HttpStatusCode.OK);
        var again = await therapist.PostAsync($"/api/couples/{couple.Id()}/close", Close(closed["version"]!.GetValue<uint>()));
        var summary = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/closing-summary");

        (await byUpdate.ErrorFieldsAsync()).Should().Equal("status");
        (await byUpdate.ErrorMessageAsync("status")).Should().Contain("POST /api/couples/{id}/close");
        (await noReason.ErrorFieldsAsync()).Should().BeEquivalentTo("reason", "summary");
        closed["status"]!.GetValue<string>().Should().Be("closed");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        summary["reason"]!.GetValue<string>().Should().Be("goals_met");
        summary["summary"]!.GetValue<string>().Should().Be("Goals met; the couple repair on their own.");
        summary["signedByName"]!.GetValue<string>().Should().Be("Ada Moss");
        summary["closedOn"]!.GetValue<string>().Should().Be(closed["closedOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Close_WithAnOpenSafetyFlag_NeedsConfirmSafety_AndAStaleVersionIs409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.RaiseFlagAsync(couple, alex);
        var version = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["version"]!.GetValue<uint>();

        var stale = await therapist.PostAsync($"/api/couples/{couple.Id()}/close", Close(version + 1000, confirmSafety: true));
        var unconfirmed = await therapist.PostAsync($"/api/couples/{couple.Id()}/close", Close(version));
        var draft = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/closing-summary/draft");
        var confirmed = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/close", Close(version, confirmSafety: true), HttpStatusCode.OK);

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        unconfirmed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await unconfirmed.JsonAsync())["requiresSafetyConfirmation"]!.GetValue<bool>().Should().BeTrue();
        draft["openSafetyItems"]!.GetValue<bool>().Should().BeTrue();
        confirmed["status"]!.GetValue<string>().Should().Be("closed");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/closing-summary"))["safetyConfirmed"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Closing_OfAnotherTherapistsCouple_Is404_AndNoSummaryBeforeClosing()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var other = await factory.SignedInTherapistAsync();

        var answers = new[]
        {
            await other.PostAsync($"/api/couples/{couple.Id()}/close", Close(couple["version"]!.GetValue<uint>())),
            await other.GetAsync($"/api/couples/{couple.Id()}/closing-summary/draft"),
            await other.GetAsync($"/api/couples/{couple.Id()}/closing-summary"),
            await owner.GetAsync($"/api/couples/{couple.Id()}/closing-summary"),
        };

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        (await owner.GetJsonAsync($"/api/couples/{couple.Id()}"))["status"]!.GetValue<string>().Should().Be("intake");
    }
}
