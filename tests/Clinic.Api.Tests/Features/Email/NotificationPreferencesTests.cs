using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Email;

public sealed class NotificationPreferencesTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task Preferences_DefaultToEverythingOn_AndAreSavedAsChosen()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var client = await therapist.SignedInPartnerAsync(await therapist.CreateCoupleAsync(), 0);

        var initial = await client.GetJsonAsync("/api/portal/notification-preferences");
        var saved = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/portal/notification-preferences",
            new { appointmentReminders = true, homeworkNudges = false, questionnaireReminders = true, quietHoursStart = "21:30", quietHoursEnd = "07:00" });
        var read = await client.GetJsonAsync("/api/portal/notification-preferences");

        initial.ToJsonString().Should().Be("""{"appointmentReminders":true,"homeworkNudges":true,"questionnaireReminders":true,"messages":true,"quietHoursStart":null,"quietHoursEnd":null,"timeZone":"UTC"}""");
        read.ToJsonString().Should().Be(saved.ToJsonString());
        read["homeworkNudges"]!.GetValue<bool>().Should().BeFalse();
        read["quietHoursStart"]!.GetValue<string>().Should().Be("21:30");
    }

    [Theory]
    [InlineData("""{"appointmentReminders":true,"homeworkNudges":true}""", "questionnaireReminders")]
    [InlineData("""{"appointmentReminders":true,"homeworkNudges":true,"questionnaireReminders":true,"quietHoursStart":"22:00"}""", "quietHoursEnd")]
    [InlineData("""{"appointmentReminders":true,"homeworkNudges":true,"questionnaireReminders":true,"quietHoursStart":"22:00","quietHoursEnd":"22:00"}""", "quietHoursEnd")]
    [InlineData("""{"appointmentReminders":true,"homeworkNudges":true,"questionnaireReminders":true,"quietHoursStart":"25:00","quietHoursEnd":"07:00"}""", "quietHoursStart")]
    [InlineData("""{"appointmentReminders":"yes","homeworkNudges":true,"questionnaireReminders":true}""", "appointmentReminders")]
    public async Task Preferences_WithBadInput_Are400NamingTheField(string body, string field)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var client = await therapist.SignedInPartnerAsync(await therapist.CreateCoupleAsync(), 0);

        var response = await client.SendAsync(HttpMethod.Put, "/api/portal/notification-preferences", body);

        (await response.ErrorFieldsAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task TurnedOffNudges_AreNotSent_WhileAppointmentRemindersStillAre()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/portal/notification-preferences",
            new { appointmentReminders = true, homeworkNudges = false, questionnaireReminders = true });
        var today = factory.Today();
        await therapist.AssignAsync(couple, "reach-out", "partner_a", 3, today, today.AddDays(20));
        var appointment = await therapist.BookAsync(couple, factory.Local(5), "partner_a");

        factory.Clock.Advance(appointment["startsAtUtc"]!.GetValue<DateTimeOffset>().AddHours(-20) - factory.Clock.GetUtcNow());

        await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("A reminder of your appointment"));
        await Task.Delay(1000);
        factory.Mail.To(email).Should().NotContain(m => m.Subject!.StartsWith("A gentle reminder"), "nudges are off");
        var log = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(email)}&kind=homework_nudge");
        log["items"]![0]!["status"]!.GetValue<string>().Should().Be("skipped");
    }

    [Fact]
    public async Task TheUnsubscribeLink_InANudge_TurnsNudgesOff_WithoutSigningIn()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var email = couple["partners"]![1]!["email"]!.GetValue<string>();
        var today = factory.Today();
        await therapist.AssignAsync(couple, "taking-turns", "partner_b", 3, today, today.AddDays(30));

        factory.Clock.Advance(TimeSpan.FromDays(4));
        var nudge = (await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("A gentle reminder")))[0];
        var oneClick = Regex.Match(nudge.Headers["List-Unsubscribe"]!, "<([^>]+)>").Groups[1].Value;
        var bodyLink = Regex.Match(nudge.TextBody!, @"https://\S+/unsubscribe\?token=(\S+)").Groups[1].Value;
        var response = await factory.Anonymous().Http.PostAsync(new Uri(oneClick).PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync())["turnedOff"]!.GetValue<string>().Should().Be("homework_nudges");
        oneClick.Should().EndWith("token=" + bodyLink);
        client = await factory.SignInAgainAsync(couple, 1); // four days on, the earlier session has ended
        (await client.GetJsonAsync("/api/portal/notification-preferences"))["homeworkNudges"]!.GetValue<bool>().Should().BeFalse();
        EmailPrivacy.AssertNothingClinical(nudge, couple);

        factory.Clock.Advance(TimeSpan.FromDays(4));
        await Task.Delay(1500);
        factory.Mail.To(email).Count(m => m.Subject!.StartsWith("A gentle reminder")).Should().Be(1, "the next nudge is skipped");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unsubscribe_WithABadOrForgedToken_Is400(string token)
    {
        var response = await factory.Anonymous().PostAsync($"/api/notifications/unsubscribe?token={token}");

        (await response.ErrorFieldsAsync()).Should().Equal("token");
    }

    [Fact]
    public async Task QuietHours_HoldAReminderUntilTheyEnd()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        // Quiet from two hours before the reminder falls due until one hour after it.
        var appointment = await therapist.BookAsync(couple, factory.Local(4, "12:00"), "partner_a");
        var due = appointment["startsAtUtc"]!.GetValue<DateTimeOffset>().AddHours(-24);
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/portal/notification-preferences",
            new { appointmentReminders = true, homeworkNudges = true, questionnaireReminders = true, quietHoursStart = "10:00", quietHoursEnd = "13:00" });

        factory.Clock.Advance(due.AddMinutes(5) - factory.Clock.GetUtcNow());
        await Task.Delay(1500);
        var during = factory.Mail.To(email).Count(m => m.Subject!.StartsWith("A reminder"));
        factory.Clock.Advance(TimeSpan.FromHours(1));

        during.Should().Be(0, "12:05 is inside the quiet hours");
        await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("A reminder"));
    }
}
