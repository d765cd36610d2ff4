using System.Net;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

public sealed class AssignmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ListExercises_Therapist_GetsFiveExercisesWithRationale()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var exercises = (await therapist.GetJsonAsync("/api/exercises")).AsArray();

        exercises.Select(e => e!["code"]!.GetValue<string>()).Should()
            .BeEquivalentTo("accept-support", "needs-conversation", "reach-out", "show-up", "taking-turns");
        var reachOut = exercises.Single(e => e!["code"]!.GetValue<string>() == "reach-out")!;
        reachOut["version"]!.GetValue<int>().Should().Be(1);
        reachOut["family"]!.GetValue<string>().Should().Be("effective_dependence");
        reachOut["rationale"]!.GetValue<string>().Should().Contain("Feeney");
        reachOut["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("needing");
        reachOut["suggestedPerWeek"]!.GetValue<int>().Should().Be(3);
        reachOut["fields"]!.AsArray().Should().Contain(f => f!["name"]!.GetValue<string>() == "fearBefore"
            && f["type"]!.GetValue<string>() == "integer" && f["max"]!.GetValue<int>() == 10);
    }

    [Fact]
    public async Task ListExercises_Client_GetsNoRationaleField_AndAdminIsRefused()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);

        var exercises = (await client.GetJsonAsync("/api/exercises")).AsArray();

        exercises.Should().HaveCount(5);
        exercises.Should().OnlyContain(e => !e!.AsObject().ContainsKey("rationale") && e.AsObject().ContainsKey("instructions"));
        (await (await factory.AdminAsync()).GetAsync("/api/exercises")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AssignHomework_Valid_Returns201WithPinnedVersionAndZeroAdherence()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);
        var today = factory.Today();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/homework",
            HomeworkBuilders.NewAssignment(today, today.AddDays(14), "taking-turns", "both", 2, sessionId: session.Id()));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        response.Headers.Location!.ToString().Should().Be($"/api/homework/{created.Id()}");
        created["exerciseVersion"]!.GetValue<int>().Should().Be(1);
        created["exerciseTitle"]!.GetValue<string>().Should().Be("Taking turns");
        created["status"]!.GetValue<string>().Should().Be("active");
        created["sessionId"]!.GetValue<string>().Should().Be(session.Id().ToString());
        created["adherence"]!.AsArray().Should().HaveCount(2);
        created["adherence"]![0]!["thisWeek"]!["entries"]!.GetValue<int>().Should().Be(0);
        created["turnBalance"]!["partners"]!.AsArray().Should().HaveCount(2);

        var list = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework");
        list["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task AssignHomework_InvalidInput_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");
        var othersSession = await therapist.CreateSessionAsync(other);
        var today = factory.Today();
        var url = $"/api/couples/{couple.Id()}/homework";

        (await (await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, "hold-hands"))).ErrorFieldsAsync())
            .Should().Equal("exerciseCode");
        var dueBeforeStart = await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today.AddDays(-1)));
        (await dueBeforeStart.ErrorFieldsAsync()).Should().Equal("dueOn");
        (await dueBeforeStart.ErrorMessageAsync("dueOn")).Should().Be(HomeworkAssignment.DueBeforeStartMessage);
        var noTarget = await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, targetPerWeek: 0));
        (await noTarget.ErrorFieldsAsync()).Should().Equal("targetPerWeek");
        (await noTarget.ErrorMessageAsync("targetPerWeek")).Should().Be(HomeworkAssignment.TargetPerWeekMessage);
        (await (await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, targetPerWeek: 15))).ErrorFieldsAsync())
            .Should().Equal("targetPerWeek");
        (await (await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, note: new string('x', 2001)))).ErrorFieldsAsync())
            .Should().Equal("note");
        (await (await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, assignedTo: "partner_c"))).ErrorFieldsAsync())
            .Should().Equal("assignedTo");
        (await (await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, sessionId: othersSession.Id()))).ErrorFieldsAsync())
            .Should().Equal("sessionId");
        (await (await therapist.PostAsync(url, HomeworkBuilders.NewAssignment(today, today, sessionId: Guid.NewGuid()))).ErrorFieldsAsync())
            .Should().Equal("sessionId");

        (await therapist.GetJsonAsync(url))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task AssignHomework_ToClosedCouple_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CloseCoupleAsync(couple);
        var today = factory.Today();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/homework", HomeworkBuilders.NewAssignment(today, today));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("closed");
    }

    [Fact]
    public async Task UpdateHomework_CompleteThenAgain_Returns409_AndStaleVersionReturns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var assignment = await therapist.AssignAsync(couple);
        var url = $"/api/homework/{assignment.Id()}";
        var version = assignment["version"]!.GetValue<uint>();

        var noted = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, url, new { version, note = "Keep it short." });
        noted["note"]!.GetValue<string>().Should().Be("Keep it short.");

        (await therapist.PatchAsync(url, new { version, status = "completed" })).StatusCode.Should().Be(HttpStatusCode.Conflict,
            "the version sent is stale after the note changed");

        var completed = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, url,
            new { version = noted["version"]!.GetValue<uint>(), status = "completed" });
        completed["status"]!.GetValue<string>().Should().Be("completed");

        var again = await therapist.PatchAsync(url, new { version = completed["version"]!.GetValue<uint>(), status = "cancelled" });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("already completed");

        (await (await therapist.PatchAsync(url, new { version = completed["version"]!.GetValue<uint>(), status = "active" }))
            .ErrorFieldsAsync()).Should().Equal("status");
        (await (await therapist.PatchAsync(url, new { status = "cancelled" })).ErrorFieldsAsync()).Should().Equal("version");
    }

    [Fact]
    public async Task AssignJointHomework_WhileJointSessionsArePaused_NeedsAConfirmation_WhichIsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(paused: true));
        var today = factory.Today();
        var url = $"/api/couples/{couple.Id()}/homework";
        var joint = HomeworkBuilders.NewAssignment(today, today.AddDays(7), "taking-turns", "both", 2);

        var refused = await therapist.PostAsync(url, joint);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.JsonAsync())["requiresSafetyConfirmation"]!.GetValue<bool>().Should().BeTrue();
        (await therapist.GetJsonAsync(url))["total"]!.GetValue<int>().Should().Be(0);

        await therapist.PostJsonAsync(url, HomeworkBuilders.NewAssignment(today, today.AddDays(7), assignedTo: "partner_a"));
        var confirmed = await therapist.PostJsonAsync(url, new
        {
            exerciseCode = "taking-turns", assignedTo = "both", startsOn = today.Iso(), dueOn = today.AddDays(7).Iso(),
            targetPerWeek = 2, note = "", sessionId = (Guid?)null, confirmSafety = true,
        });

        (await therapist.GetJsonAsync(url))["total"]!.GetValue<int>().Should().Be(2, "one-partner homework is not joint work");
        var audit = await factory.AuditAsync(couple, "homework.assign.safety_confirmed");
        audit["items"]!.AsArray().Should().ContainSingle().Which!["resourceId"]!.GetValue<string>().Should().Be(confirmed.Id().ToString());
    }
}
