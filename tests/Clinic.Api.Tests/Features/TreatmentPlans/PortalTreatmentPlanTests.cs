using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.TreatmentPlans;

public sealed class PortalTreatmentPlanTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private const string Url = "/api/portal/treatment-plan";

    [Fact]
    public async Task PortalPlan_ShowsTheCouplesGoalsAndMyOwn_NeverThePartnersGoalsInterventionsOrProblems()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SavePlanAsync(couple, 0, Goal("Name the cycle together."), Goal("Alex asks for comfort directly.", owner: "partner_a"),
            Goal("Sam stays in the room when it gets hot.", owner: "partner_b"));
        var (alex, sam) = await therapist.PartnersAsync(couple);

        var alexView = await alex.GetAsync(Url);
        var body = await alexView.Content.ReadAsStringAsync();
        var samPlan = await sam.GetJsonAsync(Url);

        alexView.StatusCode.Should().Be(HttpStatusCode.OK);
        var plan = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        plan["goals"]!.AsArray().Select(g => (g!["statement"]!.GetValue<string>(), g["shared"]!.GetValue<bool>()))
            .Should().Equal(("Name the cycle together.", true), ("Alex asks for comfort directly.", false));
        body.Should().NotContain("Sam stays in the room").And.NotContain("Track the cycle in session").And.NotContain("Escalation about chores")
            .And.NotContain("interventions");
        samPlan["goals"]!.AsArray().Select(g => g!["statement"]!.GetValue<string>())
            .Should().Equal("Name the cycle together.", "Sam stays in the room when it gets hot.");
        plan["text"]!.GetValue<string>().Should().Contain("My own goals:\n- Alex asks for comfort directly. (by 1 Mar 2027)");
        (await alex.GetJsonAsync("/api/portal/me"))["hasTreatmentPlan"]!.GetValue<bool>().Should().BeTrue("the portal links to the plan");
    }

    [Fact]
    public async Task PortalPlan_ProgressComesOnlyFromMyOwnAnswers_AndTheCycleStaysWithTheTherapist()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "CSI-4", AssessmentBuilders.Items("csi4", 4, 4, 4, 4), "2026-11-23");
        await therapist.RecordAsync(couple, 1, "CSI-4", AssessmentBuilders.Items("csi4", 2, 2, 2, 1), "2026-11-23");
        await therapist.SavePlanAsync(couple, 0, Goal("Feel satisfied together.", measure: Instrument("CSI-4", "total", "at_least", 14)),
            Goal("Calmer arguments.", measure: Measure("cycle", "at_most", 3)));
        var (alex, _) = await therapist.PartnersAsync(couple);

        var plan = await alex.GetJsonAsync(Url);

        var satisfied = plan["goals"]![0]!["progress"]!;
        satisfied["value"]!.GetValue<double>().Should().Be(16);
        satisfied["achieved"]!.GetValue<bool>().Should().BeTrue();
        satisfied["reading"]!.GetValue<string>().Should().Be("Target reached on 23 Nov 2026.");
        satisfied["history"]!.AsArray().Select(h => h!["value"]!.GetValue<double>()).Should().Equal(16);
        plan["goals"]![1]!["progress"].Should().BeNull();
    }

    [Fact]
    public async Task AgreeToPlan_TheTherapistSeesWhoAgreedToWhichVersion_AndAStaleVersionIs409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SavePlanAsync(couple, 0);
        var (alex, sam) = await therapist.PartnersAsync(couple);
        var read = await alex.GetJsonAsync(Url);

        var wrongName = await alex.PostAsync($"{Url}/agreement", new { version = 1, typedName = "Someone Else", agreeToSignElectronically = true });
        var agreed = await alex.PostJsonAsync($"{Url}/agreement", new
        {
            version = 1, typedName = couple.FullName(0), agreeToSignElectronically = true, textSha256 = read["textSha256"]!.GetValue<string>(),
        }, HttpStatusCode.OK);
        await alex.PostJsonAsync($"{Url}/agreement", new { version = 1, typedName = couple.FullName(0), agreeToSignElectronically = true },
            HttpStatusCode.OK);
        await therapist.SavePlanAsync(couple, 1);
        var stale = await sam.PostAsync($"{Url}/agreement", new { version = 1, typedName = couple.FullName(1), agreeToSignElectronically = true });
        var plan = await therapist.GetJsonAsync(couple.PlanUrl());

        (await wrongName.ErrorFieldsAsync()).Should().Equal("typedName");
        agreed["agreedVersion"]!.GetValue<int>().Should().Be(1);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        plan["agreements"]!.AsArray().Select(a => (a!["partner"]!.GetValue<string>(), a["version"]!.GetValue<int>()))
            .Should().Equal(("partner_a", 1));
        (await alex.GetJsonAsync(Url))["agreedVersion"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task PortalPlan_BeforeTheFirstSave_Is404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);

        (await alex.GetAsync(Url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await alex.GetJsonAsync("/api/portal/me"))["hasTreatmentPlan"]!.GetValue<bool>().Should().BeFalse("the portal hides its plan link");
    }
}
