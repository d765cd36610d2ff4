using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Messaging;

/// <summary>Issue 31 item 4: the therapist chooses an email per new message or a daily digest of unread threads, without content.</summary>
public sealed class MessageDigestTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task ADailyDigest_ReplacesTheEmailPerMessage_CountsOnly_AndEndsWhenTheTherapistChoosesEachMessageAgain()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        var email = await factory.ScalarAsync<string>($"SELECT email FROM users WHERE id = '{therapist.UserId}'");

        var initial = await therapist.GetJsonAsync("/api/me/message-email");
        initial["delivery"]!.GetValue<string>().Should().Be("each_message", "an email per message until the therapist chooses");
        initial["digestSendsAt"]!.GetValue<string>().Should().Be("08:00");
        initial["delivery"] = "daily_digest";
        (await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/message-email", initial))["delivery"]!.GetValue<string>()
            .Should().Be("daily_digest", "the GET's body sent back to its PUT works");
        (await therapist.GetJsonAsync("/api/me/message-email"))["delivery"]!.GetValue<string>().Should().Be("daily_digest");

        await a.WriteAsync(t.PrivateA, "I could not sleep after Tuesday.");
        await b.WriteAsync(t.Joint, "Sam here: can we move the session?");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE kind = 'new_message' AND user_id = '{therapist.UserId}'"))
            .Should().Be(0, "a therapist on the digest gets no email per message");

        factory.Clock.Advance(TimeSpan.FromDays(1));
        var digest = (await factory.Mail.WaitForAsync(email, match: m => m.Subject == "Your unread messages in Clinic"))[0];
        var text = EmailPrivacy.Everything(digest);
        text.Should().Contain("2 unread messages are waiting in 2 threads");
        text.Should().NotContain("sleep").And.NotContain("Tuesday").And.NotContain("move the session");
        EmailPrivacy.AssertNothingClinical(digest, couple);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE kind = 'message_digest' AND user_id = '{therapist.UserId}' AND status = 'pending'"))
            .Should().Be(1, "the next day's digest is scheduled");

        therapist = await factory.SignInAsync(email, Accounts.Password); // a day on, the earlier sessions have ended
        a = await factory.SignInAgainAsync(couple, 0);
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/message-email", new { delivery = "each_message" });
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE kind = 'message_digest' AND user_id = '{therapist.UserId}' AND status = 'pending'"))
            .Should().Be(0, "choosing an email per message withdraws the digest");
        await a.WriteAsync(t.PrivateA, "One more thing.");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE kind = 'new_message' AND user_id = '{therapist.UserId}'"))
            .Should().Be(1, "back to an email per message");
    }

    [Fact]
    public async Task ABadChoice_Is400NamingDelivery_AndAPartnerHasNoSuchSetting()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);

        (await (await therapist.PutAsync("/api/me/message-email", new { delivery = "weekly" })).ErrorFieldsAsync()).Should().Equal("delivery");
        (await (await therapist.PutAsync("/api/me/message-email", new { })).ErrorFieldsAsync()).Should().Equal("delivery");
        (await a.GetAsync("/api/me/message-email")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
