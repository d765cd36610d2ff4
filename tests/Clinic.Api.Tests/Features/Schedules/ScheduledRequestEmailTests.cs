using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Schedules;

/// <summary>A scheduled request goes out through the email outbox like a therapist's: the portal notice, and one reminder after three days.</summary>
public sealed class ScheduledRequestEmailTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    private const string News = "You have something new in your portal";
    private const string Reminder = "A reminder from";

    [Fact]
    public async Task ScheduledRequest_TellsThePartner_AndRemindsAfterThreeDays_OnlyIfStillWaiting()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.SignedInPartnerAsync(couple, 1);
        var emailA = couple["partners"]![0]!["email"]!.GetValue<string>();
        var emailB = couple["partners"]![1]!["email"]!.GetValue<string>();
        var tomorrow = factory.PracticeToday().AddDays(1);
        await therapist.ScheduleAsync(couple, 0, tomorrow, "CSI-4", everyWeeks: 2, count: 3);
        await therapist.ScheduleAsync(couple, 1, tomorrow, "CSI-4", everyWeeks: 2, count: 3);
        factory.Mail.To(emailA).Should().NotContain(m => m.Subject == News, "nothing is asked of anyone before the first day");

        // The background round makes tomorrow's requests; each partner hears of it through the outbox.
        factory.Clock.Advance(TimeSpan.FromDays(1));
        (await factory.RunScheduleRoundAsync()).Should().Be(2);
        var news = (await factory.Mail.WaitForAsync(emailA, match: m => m.Subject == News))[0];
        await factory.Mail.WaitForAsync(emailB, match: m => m.Subject == News);
        EmailPrivacy.AssertNothingClinical(news, couple);

        // A answers at once (signed in afresh: a day has passed); B does not. Three days on, only B is reminded, once.
        var a = await factory.SignInAsync(emailA, Accounts.Password);
        var waiting = (await a.GetJsonAsync("/api/portal/questionnaires"))["items"]!.AsArray()
            .Single(q => q!["status"]!.GetValue<string>() == "pending")!;
        await a.PostJsonAsync($"/api/portal/questionnaires/{waiting.Id()}", new { responses = Items("csi4", 3, 3, 3, 3) });
        factory.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));

        var reminder = (await factory.Mail.WaitForAsync(emailB, match: m => m.Subject!.StartsWith(Reminder)))[0];
        await Task.Delay(1000);
        factory.Mail.To(emailA).Should().NotContain(m => m.Subject!.StartsWith(Reminder), "A answered in time");
        factory.Mail.To(emailB).Count(m => m.Subject!.StartsWith(Reminder)).Should().Be(1);
        EmailPrivacy.AssertNothingClinical(reminder, couple);
    }
}
