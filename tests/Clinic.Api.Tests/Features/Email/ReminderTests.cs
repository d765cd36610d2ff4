using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Email;

public sealed class ReminderTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task AQuestionnaireStillPendingAfterThreeDays_IsRemindedOnce_AndAnAnsweredOneNever()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var a = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.SignedInPartnerAsync(couple, 1);
        var emailA = couple["partners"]![0]!["email"]!.GetValue<string>();
        var emailB = couple["partners"]![1]!["email"]!.GetValue<string>();
        var forA = await therapist.RequestQuestionnaireAsync(couple, 0);
        await therapist.RequestQuestionnaireAsync(couple, 1);
        await a.PostJsonAsync($"/api/portal/questionnaires/{forA.Id()}", new { responses = AssessmentBuilders.EcrRsAll(4) });

        factory.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));

        var reminder = (await factory.Mail.WaitForAsync(emailB, match: m => m.Subject!.StartsWith("A reminder from")))[0];
        await Task.Delay(1000);
        factory.Mail.To(emailA).Should().NotContain(m => m.Subject!.StartsWith("A reminder from"), "A answered in time");
        reminder.Headers["List-Unsubscribe"].Should().NotBeNull();
        EmailPrivacy.AssertNothingClinical(reminder, couple);
    }

    [Fact]
    public async Task AHomeworkNudge_WaitsThreeDaysAfterTheLastEntry()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        var start = factory.Today();
        var homework = await therapist.AssignAsync(couple, "reach-out", "partner_a", 3, start, start.AddDays(30));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        client = await factory.SignInAgainAsync(couple, 0);
        (await client.PostEntryAsync(homework.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()))).StatusCode.Should().Be(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromDays(2)); // day 4: the first nudge was due, but an entry came on day 2
        await Task.Delay(1500);
        var early = factory.Mail.To(email).Count(m => m.Subject!.StartsWith("A gentle reminder"));
        factory.Clock.Advance(TimeSpan.FromDays(2)); // day 6: three days after the entry

        early.Should().Be(0);
        await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("A gentle reminder"));
    }
}
