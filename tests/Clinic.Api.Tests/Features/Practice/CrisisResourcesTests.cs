using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Practice;

/// <summary>
/// Issue 26: a partner in crisis is shown where to get help, first, right after a PHQ-9 with item 9
/// above 0 and after a check-in; and the therapist's flag names its real source.
/// </summary>
public sealed class CrisisResourcesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Phq9_WithItem9AboveZero_AnswersWithThePracticesCrisisText_AtZeroWithNone()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var forAlex = await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "PHQ-9");
        var forSam = await therapist.RequestQuestionnaireAsync(couple, 1, instrument: "PHQ-9");
        var crisis = await alex.GetJsonAsync("/api/portal/crisis-resources");

        var atOne = await alex.PostJsonAsync($"/api/portal/questionnaires/{forAlex.Id()}", new { responses = Phq9(total: 7, item9: 1) });
        var atZero = await sam.PostJsonAsync($"/api/portal/questionnaires/{forSam.Id()}", new { responses = Phq9(total: 7, item9: 0) });

        atOne["crisisResources"]!.ToJsonString().Should().Be(crisis.ToJsonString());
        atOne["questionnaire"]!.Text("status").Should().Be("completed");
        atZero["crisisResources"].Should().BeNull();
        atZero["questionnaire"]!.Text("status").Should().Be("completed");
    }

    [Fact]
    public async Task CheckIn_AnswersWithTheCrisisText_WhetherOrNotItRaisesAFlag()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var crisis = await alex.GetJsonAsync("/api/portal/crisis-resources");

        var raising = await alex.PostJsonAsync($"/api/portal/check-ins/{await alex.MyPendingCheckInIdAsync()}",
            new { answers = SafetyBuilders.AnswersWith("hurtThreatenedFrightened", "often") }, HttpStatusCode.OK);
        var calm = await sam.PostJsonAsync($"/api/portal/check-ins/{await sam.MyPendingCheckInIdAsync()}",
            new { answers = SafetyBuilders.SafeAnswers() }, HttpStatusCode.OK);

        raising["crisisResources"]!.ToJsonString().Should().Be(crisis.ToJsonString());
        calm.ToJsonString().Should().Be(raising.ToJsonString());
        (await therapist.SafetyAsync(couple))["flags"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task TheTherapistsFlag_NamesPhq9Item9_NotACheckIn()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var byQuestionnaire = await therapist.CreateCoupleAsync("Ana", "Bo");
        var byCheckIn = await therapist.CreateCoupleAsync("Cy", "Di");
        var ana = await therapist.SignedInPartnerAsync(byQuestionnaire, 0);
        var cy = await therapist.SignedInPartnerAsync(byCheckIn, 0);
        await ana.AnswerQuestionnaireAsync(await therapist.RequestQuestionnaireAsync(byQuestionnaire, 0, instrument: "PHQ-9"), Phq9(9, item9: 2));
        await cy.AnswerMyCheckInAsync(SafetyBuilders.AnswersWith("afraidToSpeakInJointSessions", "yes"));

        var phq = await therapist.SafetyAsync(byQuestionnaire);
        var checkIn = await therapist.SafetyAsync(byCheckIn);

        phq["flags"]![0]!.Text("sourceLabel").Should().Be("PHQ-9 item 9");
        phq["summary"]!["openFlagSources"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("PHQ-9 item 9");
        phq.ToJsonString().Should().NotContainEquivalentOf("check-in\"", "a PHQ-9 flag is not worded as a check-in");
        checkIn["flags"]![0]!.Text("sourceLabel").Should().Be("Check-in");
        checkIn["summary"]!["openFlagSources"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("Check-in");
    }
}
