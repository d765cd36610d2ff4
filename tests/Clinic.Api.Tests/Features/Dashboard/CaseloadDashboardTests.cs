using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Dashboard;

public sealed class CaseloadDashboardTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Caseload_RisingIntensity_IsFlaggedAndSortedFirst()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var calm = await therapist.CreateCoupleAsync("Cal", "Mia");
        var rising = await therapist.CreateCoupleAsync("Ray", "Ivy");
        foreach (var (days, a, b) in new[] { (14, 3, 3), (7, 3, 2), (1, 3, 3) }) await therapist.SessionAsync(calm, today.AddDays(-days), a, b);
        // Means 5, 6, 7: a slope of +1 per session.
        foreach (var (days, a, b) in new[] { (14, 5, 5), (7, 6, 6), (1, 8, 6) }) await therapist.SessionAsync(rising, today.AddDays(-days), a, b);
        // Both have a treatment plan: three sessions without one is an alert of its own (PlanAlertTests).
        await therapist.SavePlanAsync(calm, 0);
        await therapist.SavePlanAsync(rising, 0);

        var dashboard = await therapist.CaseloadAsync();

        dashboard["rows"]!.AsArray().Select(r => r!["displayName"]!.GetValue<string>()).Should().Equal("Ray & Ivy", "Cal & Mia");
        var row = dashboard.RowOf(rising);
        row.AlertCodes().Should().Equal("cycle_rising");
        row["cycleTrend"]!.GetValue<string>().Should().Be("rising");
        row["recentMeanIntensities"]!.AsArray().Select(v => v!.GetValue<double>()).Should().Equal(5, 6, 7);
        row["sessionCount"]!.GetValue<int>().Should().Be(3);
        row["lastSessionOn"]!.GetValue<string>().Should().Be(today.AddDays(-1).Iso());
        row["currentEftStage"]!.GetValue<int>().Should().Be(1);
        dashboard.RowOf(calm).AlertCodes().Should().BeEmpty();
        dashboard.RowOf(calm)["cycleTrend"]!.GetValue<string>().Should().Be("flat");
    }

    [Fact]
    public async Task Caseload_JointSessionsPausedWithoutAFlag_HasThePauseAlert_NotTheOpenFlagOne()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var paused = await therapist.CreateCoupleAsync("Pat", "Quinn");
        var flagged = await therapist.CreateCoupleAsync("Fay", "Gus");
        await therapist.PutRiskRecordAsync(paused, 0, SafetyBuilders.RiskRecord(paused: true));
        await therapist.RaiseFlagAsync(flagged, await therapist.SignedInPartnerAsync(flagged, 0));

        var dashboard = await therapist.CaseloadAsync();

        var pausedAlerts = dashboard.RowOf(paused)["alerts"]!.AsArray();
        pausedAlerts[0]!["code"]!.GetValue<string>().Should().Be("joint_sessions_paused");
        pausedAlerts[0]!["message"]!.GetValue<string>().Should().Be("Joint sessions paused in a risk record: no joint work until the pause is lifted.");
        dashboard.RowOf(paused).AlertCodes().Should().NotContain("safety_flag");
        var flaggedAlerts = dashboard.RowOf(flagged)["alerts"]!.AsArray();
        flaggedAlerts[0]!["code"]!.GetValue<string>().Should().Be("safety_flag");
        flaggedAlerts[0]!["message"]!.GetValue<string>().Should().Be(
            "Safety check-in: Fay's answers raised a safety concern; review before any joint work.", "the alert names what raised it and whose");
        dashboard.RowOf(flagged).AlertCodes().Should().NotContain("joint_sessions_paused");
    }

    [Fact]
    public async Task Caseload_FollowsARevisedCycleRecord_AndOneRemoved()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var couple = await therapist.CreateCoupleAsync("Rev", "Ise");
        var session = await therapist.SessionAsync(couple, today.AddDays(-1), 8, 6);
        var update = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            Caseload.SessionUpdate(couple, today.AddDays(-1).Iso(), 2, 3)))!;
        update["version"] = session["version"]!.GetValue<uint>();

        var before = (await therapist.CaseloadAsync()).RowOf(couple)["recentMeanIntensities"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        var revised = await therapist.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, $"/api/sessions/{session.Id()}", update.ToJsonString());
        var afterRevision = (await therapist.CaseloadAsync()).RowOf(couple)["recentMeanIntensities"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        update["version"] = revised["version"]!.GetValue<uint>();
        update["cycle"] = null;
        await therapist.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, $"/api/sessions/{session.Id()}", update.ToJsonString());
        var withoutCycle = (await therapist.CaseloadAsync()).RowOf(couple);

        before.Should().Equal(7);
        afterRevision.Should().Equal(2.5);
        withoutCycle["recentMeanIntensities"]!.AsArray().Should().BeEmpty();
        withoutCycle["sessionCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Caseload_NoSessionFor21Days_IsFlaggedAt21ButNot20()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var twenty = await therapist.CreateCoupleAsync("Tom", "Tia");
        var twentyOne = await therapist.CreateCoupleAsync("Una", "Uri");
        await therapist.SessionAsync(twenty, today.AddDays(-20), 4, 4);
        await therapist.SessionAsync(twentyOne, today.AddDays(-21), 4, 4);

        var dashboard = await therapist.CaseloadAsync();

        dashboard.RowOf(twentyOne).AlertCodes().Should().Contain("no_recent_session");
        dashboard.RowOf(twenty).AlertCodes().Should().NotContain("no_recent_session");
    }

    [Fact]
    public async Task Caseload_ShowsNextSessionPendingQuestionnairesAndTheirAlertAfter7Days()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var today = factory.Today();
        var couple = await therapist.CreateCoupleAsync("Pia", "Pat");
        await therapist.SessionAsync(couple, today.AddDays(-3), 4, 4);
        await therapist.SessionAsync(couple, today.AddDays(4), 4, 4);
        // DESIGN §9: the next session is the next booked appointment, not a session dated ahead.
        await therapist.BookAsync(couple, factory.Local(5, "10:00"));
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/questionnaire-requests",
            new { partnerId = couple.PartnerId(0), instrument = "ECR-RS", shareResultsWithClient = false });

        var fresh = (await therapist.CaseloadAsync()).RowOf(couple);
        factory.Clock.Advance(TimeSpan.FromDays(8));
        var stale = (await (await factory.SignInAsync(email, Accounts.Password)).CaseloadAsync()).RowOf(couple);

        fresh["nextSessionOn"]!.GetValue<string>().Should().Be(today.AddDays(5).Iso());
        fresh["sessionCount"]!.GetValue<int>().Should().Be(1, "a future session is not a session so far");
        fresh["pendingQuestionnaires"]!.GetValue<int>().Should().Be(1);
        fresh.AlertCodes().Should().NotContain("questionnaire_pending");
        stale.AlertCodes().Should().Contain("questionnaire_pending");
    }

    [Fact]
    public async Task Caseload_ReliableDeterioration_IsFlagged()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var couple = await therapist.CreateCoupleAsync("Rex", "Rue");
        await therapist.SessionAsync(couple, today.AddDays(-2), 4, 4);
        await therapist.AssessAsync(couple, 0, today.AddDays(-40), 2, 2);
        await therapist.AssessAsync(couple, 0, today.AddDays(-5), 2, 5);

        var row = (await therapist.CaseloadAsync()).RowOf(couple);

        row.AlertCodes().Should().Contain("reliable_deterioration");
    }

    [Fact]
    public async Task Caseload_ShowsOnlyMyCouples()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        await other.CreateCoupleAsync("Not", "Mine");
        var mine = await therapist.CreateCoupleAsync("Yes", "Mine");

        var dashboard = await therapist.CaseloadAsync();

        dashboard["rows"]!.AsArray().Select(r => r!["coupleId"]!.GetValue<string>()).Should().Equal(mine.Id().ToString());
    }
}

public sealed class CaseloadAppointmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task NextSession_IsTheNextBookedAppointment_NotACancelledOne()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Noa", "Ned");
        var unbooked = await therapist.CreateCoupleAsync("Ola", "Oz");
        var soon = await therapist.BookAsync(couple, factory.Local(2, "09:00"));
        await therapist.BookAsync(couple, factory.Local(9, "09:00"));
        await therapist.PatchAppointmentAsync(soon, new { version = soon.Version(), status = "cancelled" });

        var dashboard = await therapist.CaseloadAsync();

        dashboard.RowOf(couple)["nextSessionOn"]!.GetValue<string>().Should().Be(factory.Today().AddDays(9).Iso());
        dashboard.RowOf(unbooked)["nextSessionOn"].Should().BeNull();
    }

    [Fact]
    public async Task OverdueHomework_IsOneRule_TheHomeworkSectionAndTheCaseloadAgree()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var couple = await therapist.CreateCoupleAsync("Ove", "Due");
        var overdue = await therapist.AssignAsync(couple, startsOn: today.AddDays(-10), dueOn: today.AddDays(-1));
        var completed = await therapist.AssignAsync(couple, exerciseCode: "show-up", startsOn: today.AddDays(-10), dueOn: today.AddDays(-1));
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{completed.Id()}",
            new { version = completed["version"]!.GetValue<uint>(), status = "completed" });
        var dueToday = await therapist.AssignAsync(couple, exerciseCode: "accept-support", startsOn: today.AddDays(-3), dueOn: today);

        var items = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework?pageSize=100"))["items"]!.AsArray();
        var alert = (await therapist.CaseloadAsync()).RowOf(couple)["alerts"]!.AsArray()
            .Single(a => a!["code"]!.GetValue<string>() == "homework_low_adherence")!["message"]!.GetValue<string>();

        bool Overdue(JsonNode assignment) => items.Single(i => i!.Id() == assignment.Id())!["overdue"]!.GetValue<bool>();
        Overdue(overdue).Should().BeTrue("it still runs after its due date");
        Overdue(completed).Should().BeFalse("it ended");
        Overdue(dueToday).Should().BeFalse("it is due today, not before");
        alert.Should().Contain("(overdue)");
        alert.Split("(overdue)").Length.Should().Be(2, "one assignment is overdue, on the caseload as in the homework section");
    }

    [Fact]
    public async Task NoSessionFor21Days_FiresOnlyWhenNothingWasHeldAndNothingIsBooked()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var today = factory.Today();
        var booked = await therapist.CreateCoupleAsync("Bea", "Bo");
        var idle = await therapist.CreateCoupleAsync("Ida", "Ian");
        var held = await therapist.CreateCoupleAsync("Hal", "Hu");
        foreach (var c in new[] { booked, idle, held }) await therapist.SessionAsync(c, today.AddDays(-25), 4, 4);
        await therapist.BookAsync(booked, factory.Local(3));
        // Held 19 days from now — the clock moves on 40 days; its session not yet written up.
        var heldAppointment = await therapist.BookAsync(held, factory.Local(19));

        var now = await therapist.CaseloadAsync();
        factory.Clock.Advance(TimeSpan.FromDays(19) + TimeSpan.FromHours(8));
        therapist = await factory.SignInAsync(email, Accounts.Password);
        await therapist.HoldAsync(heldAppointment);
        var later = await therapist.CaseloadAsync();

        now.RowOf(booked).AlertCodes().Should().NotContain("no_recent_session", "an appointment is booked");
        now.RowOf(idle).AlertCodes().Should().Contain("no_recent_session");
        later.RowOf(held).AlertCodes().Should().NotContain("no_recent_session", "it was held today, even before the session is written");
        later.RowOf(booked).AlertCodes().Should().Contain("no_recent_session", "the booking has passed without being held");
        // The column beside the alert counts the same events: a held appointment is the last session, written up or not.
        later.RowOf(held)["lastSessionOn"]!.GetValue<string>().Should().Be(today.AddDays(19).Iso());
        var laterToday = factory.Today();
        var lastBooked = DateOnly.Parse(later.RowOf(booked)["lastSessionOn"]!.GetValue<string>());
        later.RowOf(booked)["alerts"]!.AsArray().Single(a => a!["code"]!.GetValue<string>() == "no_recent_session")!["message"]!
            .GetValue<string>().Should().Be($"No session for {laterToday.DayNumber - lastBooked.DayNumber} days.");
    }
}

public sealed class SessionFromAppointmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ASessionRecordedFromAHeldAppointment_KeepsItsId_OnceOnly()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Clock.GetUtcNow().AddMinutes(90).ToString("yyyy-MM-ddTHH:mm"));
        var notYetHeld = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", WithAppointment(couple, booked.Id(), factory.Today()));
        factory.Clock.Advance(TimeSpan.FromMinutes(95));
        therapist = await factory.SignInAsync(email, Accounts.Password);
        var draft = await therapist.HoldAsync(booked);

        var session = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions",
            WithAppointment(couple, booked.Id(), DateOnly.Parse(draft["date"]!.GetValue<string>())));
        var second = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions",
            WithAppointment(couple, booked.Id(), DateOnly.Parse(draft["date"]!.GetValue<string>())));
        var again = await therapist.HoldAsync(booked);
        var listed = (await therapist.CoupleAppointmentsAsync(couple))[0]!;

        (await notYetHeld.ErrorFieldsAsync()).Should().Equal("appointmentId");
        session["appointmentId"]!.GetValue<Guid>().Should().Be(booked.Id());
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        again["sessionId"]!.GetValue<Guid>().Should().Be(session.Id());
        listed["sessionId"]!.GetValue<Guid>().Should().Be(session.Id());
    }

    [Fact]
    public async Task AnotherCouplesAppointment_Is400OnAppointmentId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.BookAsync(await therapist.CreateCoupleAsync("Kim", "Lee"), factory.Local(2));

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", WithAppointment(couple, other.Id(), factory.Today()));

        (await response.ErrorFieldsAsync()).Should().Equal("appointmentId");
    }

    private static object WithAppointment(System.Text.Json.Nodes.JsonNode couple, Guid appointmentId, DateOnly date)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Caseload.NewSession(couple, date.Iso()), ApiClient.Json))!;
        node["appointmentId"] = appointmentId.ToString();
        return node.ToJsonString();
    }
}
