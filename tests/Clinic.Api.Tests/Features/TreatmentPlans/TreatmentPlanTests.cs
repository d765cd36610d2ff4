using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.TreatmentPlans;

public sealed class TreatmentPlanTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task GetTreatmentPlan_BeforeAnySave_IsVersionZeroWithNoGoalsAndNoReviewDue()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var plan = await therapist.GetJsonAsync(couple.PlanUrl());

        plan["version"]!.GetValue<int>().Should().Be(0);
        plan["goals"]!.AsArray().Should().BeEmpty();
        plan["reviewEvery"]!.GetValue<int>().Should().Be(6);
        plan["reviewDueOn"].Should().BeNull();
        plan["reviewDue"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task SaveTreatmentPlan_KeepsEveryVersion_KeepsGoalIds_AndStampsAStatusChangeWithWhoAndWhen()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var first = await therapist.SavePlanAsync(couple, 0, Goal("Name the cycle."), Goal("Sam says what he needs.", owner: "partner_b"));
        var named = first["goals"]![0]!;
        var sams = first["goals"]![1]!;

        var second = await therapist.SavePlanAsync(couple, 1,
            Goal("Name the cycle.", status: "met", id: named.Id()), Goal("Sam says what he needs.", owner: "partner_b", id: sams.Id()),
            Goal("Alex reaches out softly.", owner: "partner_a"));
        var versions = await therapist.GetJsonAsync($"{couple.PlanUrl()}/versions");

        first["version"]!.GetValue<int>().Should().Be(1);
        second["version"]!.GetValue<int>().Should().Be(2);
        second["savedByName"]!.GetValue<string>().Should().Be("Ada Moss");
        var goals = second["goals"]!.AsArray();
        goals.Select(g => g!.Id()).Take(2).Should().Equal(named.Id(), sams.Id());
        goals[0]!["status"]!.GetValue<string>().Should().Be("met");
        goals[0]!["statusChangedAt"]!.GetValue<DateTimeOffset>().Should().BeAfter(named["statusChangedAt"]!.GetValue<DateTimeOffset>());
        goals[0]!["statusChangedByName"]!.GetValue<string>().Should().Be("Ada Moss");
        goals[1]!["statusChangedAt"]!.GetValue<DateTimeOffset>().Should().Be(sams["statusChangedAt"]!.GetValue<DateTimeOffset>());
        goals[0]!["interventions"]![0]!["step"]!.GetValue<int>().Should().Be(2);
        versions.AsArray().Select(v => (v!["version"]!.GetValue<int>(), v["goals"]!.AsArray().Count)).Should().Equal((2, 3), (1, 2));
        versions[1]!["goals"]![0]!["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task SaveTreatmentPlan_FromAStaleVersion_Returns409AndKeepsTheFirstSave()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SavePlanAsync(couple, 0, Goal("First screen's goal."));

        var stale = await therapist.PutAsync(couple.PlanUrl(), Plan(0, Goal("Second screen's goal.")));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.JsonAsync())["currentVersion"]!.GetValue<int>().Should().Be(1);
        var current = await therapist.GetJsonAsync(couple.PlanUrl());
        current["goals"]!.AsArray().Single()!["statement"]!.GetValue<string>().Should().Be("First screen's goal.");
        (await therapist.GetJsonAsync($"{couple.PlanUrl()}/versions")).AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task SaveTreatmentPlan_TwoFirstSavesAtOnce_StoresOneVersion()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => therapist.PutAsync(couple.PlanUrl(), Plan(0, Goal()))));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(2);
        (await therapist.GetJsonAsync($"{couple.PlanUrl()}/versions")).AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task SaveTreatmentPlan_TheGetsBodySentBack_SavesTheSamePlanAsTheNextVersion()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SavePlanAsync(couple, 0, Goal(measure: Measure("cycle", "at_most", 3)));
        var read = await therapist.GetJsonAsync(couple.PlanUrl());

        var saved = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, couple.PlanUrl(), read);

        saved["version"]!.GetValue<int>().Should().Be(2);
        saved["goals"]![0]!.Id().Should().Be(read["goals"]![0]!.Id());
        saved["goals"]![0]!["measure"]!["kind"]!.GetValue<string>().Should().Be("cycle");
        var changed = (await therapist.GetJsonAsync(couple.PlanUrl())).DeepClone();
        changed["goals"]![0]!["statusChangedByName"] = "Someone Else";
        var refused = await therapist.PutAsync(couple.PlanUrl(), changed);
        (await refused.ErrorFieldsAsync()).Should().Equal("goals[0].statusChangedByName");
    }

    [Fact]
    public async Task SaveTreatmentPlan_WithBadValues_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PutAsync(couple.PlanUrl(), new
        {
            version = 0, reviewEvery = 30, problemStatements = new[] { "" },
            goals = new object[]
            {
                new { statement = "", status = "active", interventions = new[] { new { stage = 1, step = 6, text = "x" } } },
                new { owner = "couple", statement = "Feel closer.", status = "active",
                      measure = new { kind = "instrument", instrument = "XYZ-1", subscale = "total", comparison = "at_least", target = 3 } },
                new { owner = "couple", statement = "Feel closer.", status = "active",
                      measure = new { kind = "instrument", instrument = "CSI-4", subscale = "anxiety", comparison = "at_least", target = 3 } },
                new { owner = "couple", statement = "Feel closer.", status = "active",
                      measure = new { kind = "instrument", instrument = "CSI-4", subscale = "total", comparison = "at_least", target = 40 } },
                new { owner = "couple", statement = "Calmer.", status = "active", measure = new { kind = "cycle", target = 12 } },
            },
        });
        var unknownGoal = await therapist.PutAsync(couple.PlanUrl(), Plan(0, Goal(id: Guid.NewGuid())));

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("reviewEvery", "problemStatements[0]", "goals[0].owner",
            "goals[0].statement", "goals[0].interventions[0].step", "goals[1].measure.instrument", "goals[2].measure.subscale",
            "goals[3].measure.target", "goals[4].measure.comparison", "goals[4].measure.target");
        (await response.ErrorMessageAsync("goals[2].measure.subscale")).Should().Be("CSI-4 reports: total.");
        (await unknownGoal.ErrorFieldsAsync()).Should().Equal("goals[0].id");
    }

    [Fact]
    public async Task TreatmentPlan_OfAnotherTherapistsCouple_Returns404ForEveryRoute()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        await owner.SavePlanAsync(couple, 0);
        var other = await factory.SignedInTherapistAsync();

        var answers = new[]
        {
            await other.GetAsync(couple.PlanUrl()),
            await other.PutAsync(couple.PlanUrl(), Plan(1, Goal())),
            await other.GetAsync($"{couple.PlanUrl()}/versions"),
            await other.GetAsync($"{couple.PlanUrl()}/reviews"),
            await other.PostAsync($"{couple.PlanUrl()}/reviews", new { summary = "Looks fine." }),
        };

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        (await owner.GetJsonAsync($"{couple.PlanUrl()}/versions")).AsArray().Should().HaveCount(1);
        (await owner.GetJsonAsync($"{couple.PlanUrl()}/reviews")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ReviewTreatmentPlan_IsListedWithItsDate_MovesTheNextReview_AndIsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var beforePlan = await therapist.PostAsync($"{couple.PlanUrl()}/reviews", new { summary = "Nothing to review yet." });
        await therapist.SavePlanAsync(couple, 0);
        var empty = await therapist.PostAsync($"{couple.PlanUrl()}/reviews", new { summary = "" });

        var review = await therapist.PostJsonAsync($"{couple.PlanUrl()}/reviews",
            new { summary = "Cycle easing; goals on track.", changes = "Added a goal for Sam." });
        var reviews = await therapist.GetJsonAsync($"{couple.PlanUrl()}/reviews");
        var plan = await therapist.GetJsonAsync(couple.PlanUrl());

        beforePlan.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await empty.ErrorFieldsAsync()).Should().Equal("summary");
        var today = factory.Today();
        review["reviewedOn"]!.GetValue<string>().Should().Be(today.Iso());
        review["planVersion"]!.GetValue<int>().Should().Be(1);
        reviews.AsArray().Select(r => r!["summary"]!.GetValue<string>()).Should().Equal("Cycle easing; goals on track.");
        plan["lastReviewedOn"]!.GetValue<string>().Should().Be(today.Iso());
        plan["reviewDueOn"]!.GetValue<string>().Should().Be(today.AddDays(42).Iso());
        (await factory.AuditAsync(couple, "treatment_plan.review"))["items"]!.AsArray().Should().HaveCount(1);
        (await factory.AuditAsync(couple, "treatment_plan.read"))["items"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task SaveTreatmentPlan_ForAClosedCouple_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CloseCoupleAsync(couple);

        var response = await therapist.PutAsync(couple.PlanUrl(), Plan(0, Goal()));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}
