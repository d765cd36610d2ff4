using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Clinic.Api.Tests.Features.Email;

public sealed class PortalNewsTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task ACheckInEmail_IsIndistinguishableFromAQuestionnaireOrHomeworkEmail()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var email = couple["partners"]![1]!["email"]!.GetValue<string>();
        await client.AnswerMyCheckInAsync(SafetyBuilders.SafeAnswers()); // the intake check-in, so a new one may be asked for
        await AdvanceAsync(PortalNewsWindow, therapist); // the intake's own notice is out of the way
        var before = factory.Mail.To(email).Count;

        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(1) });
        var checkIn = (await factory.Mail.WaitForAsync(email, before + 1))[^1];
        await AdvanceAsync(PortalNewsWindow, therapist);
        await therapist.RequestQuestionnaireAsync(couple, 1);
        var questionnaire = (await factory.Mail.WaitForAsync(email, before + 2))[^1];
        await AdvanceAsync(PortalNewsWindow, therapist);
        await therapist.AssignAsync(couple, "reach-out", "partner_b");
        var homework = (await factory.Mail.WaitForAsync(email, before + 3))[^1];

        checkIn.Subject.Should().Be("You have something new in your portal");
        foreach (var other in new[] { questionnaire, homework })
        {
            other.Subject.Should().Be(checkIn.Subject);
            other.TextBody.Should().Be(checkIn.TextBody);
            other.HtmlBody.Should().Be(checkIn.HtmlBody);
            Headers(other).Should().Equal(Headers(checkIn), "nothing but the Message-ID and date may differ");
            other.Attachments.Should().BeEmpty();
        }
        EmailPrivacy.AssertNothingClinical(checkIn, couple);
        var log = await Deliveries(email);
        var kinds = log.ToDictionary(d => d!["id"]!.GetValue<Guid>().ToString("D"), d => d!["kind"]!.GetValue<string>());
        new[] { checkIn, questionnaire, homework }.Select(m => kinds[m.MessageId!.Split('@')[0]]).Should().AllBe("portal_news",
            "even the delivery log does not say which was the check-in");
    }

    [Fact]
    public async Task NewsInOneSitting_SendsOneNotice_AndNewsAfterItWaitsForTheEndOfTheFifteenMinutes()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var email = couple["partners"]![1]!["email"]!.GetValue<string>();
        await client.AnswerMyCheckInAsync(SafetyBuilders.SafeAnswers());
        await AdvanceAsync(PortalNewsWindow, therapist);
        var before = factory.Mail.To(email).Count;

        // The report that led here: three notices in 22 seconds.
        await therapist.AssignAsync(couple, "reach-out", "partner_b");
        var first = (await factory.Mail.WaitForAsync(email, before + 1))[^1];
        await therapist.RequestQuestionnaireAsync(couple, 1);
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(1) });
        await Task.Delay(1500);

        factory.Mail.To(email).Should().HaveCount(before + 1, "one notice in any 15 minutes");
        var firstSentAt = (await Deliveries(email)).Single(d => d!["id"]!.GetValue<Guid>().ToString("D") == first.MessageId!.Split('@')[0])!
            ["sentAt"]!.GetValue<DateTimeOffset>();
        var waiting = (await Deliveries(email)).Where(d => d!["status"]!.GetValue<string>() == "pending" && d["kind"]!.GetValue<string>() == "portal_news").ToList();
        waiting.Should().ContainSingle("the news after the first notice is carried by one more, not two");
        waiting[0]!["nextAttemptAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(firstSentAt + PortalNewsWindow, TimeSpan.FromSeconds(1));

        factory.Clock.Advance(PortalNewsWindow - TimeSpan.FromMinutes(1));
        await Task.Delay(800);
        factory.Mail.To(email).Should().HaveCount(before + 1, "fourteen minutes on, the window has not ended");
        factory.Clock.Advance(TimeSpan.FromMinutes(1.5));
        var second = (await factory.Mail.WaitForAsync(email, before + 2))[^1];
        await Task.Delay(800);

        factory.Mail.To(email).Should().HaveCount(before + 2);
        second.Subject.Should().Be("You have something new in your portal");
    }

    [Fact]
    public async Task TwoNoticesWrittenAtOnce_AreSentOnce_EvenWhenTheWriterCouldNotSeeTheOther()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        await AdvanceAsync(PortalNewsWindow, therapist);
        await Task.Delay(500);
        var before = factory.Mail.To(email).Count;

        var earlier = (await Deliveries(email)).Select(d => d!["id"]!.GetValue<Guid>()).ToHashSet();
        // Two requests that each found nothing waiting and both wrote a notice: the sender decides under a lock on the key.
        var partnerId = couple.PartnerId(0);
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        foreach (var scope in new[] { first, second })
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            (await outbox.SendThrottledAsync(MessageKinds.PortalNews, email, PortalNews.Text(outbox.Writer), new Recipients(null, partnerId),
                PortalNews.ThrottleFor(partnerId), CancellationToken.None)).Should().NotBeNull("neither writer sees the other's notice");
        }
        await Task.WhenAll(first.ServiceProvider.GetRequiredService<ClinicDbContext>().SaveChangesAsync(),
            second.ServiceProvider.GetRequiredService<ClinicDbContext>().SaveChangesAsync());
        await factory.Mail.WaitForAsync(email, before + 1);
        await Task.Delay(1500);

        factory.Mail.To(email).Should().HaveCount(before + 1);
        var statuses = (await Deliveries(email)).Where(d => !earlier.Contains(d!["id"]!.GetValue<Guid>()))
            .Select(d => d!["status"]!.GetValue<string>()).Order().ToList();
        statuses.Should().Equal("sent", "skipped");
    }

    [Fact]
    public async Task APartnerWithoutAPortalAccount_GetsNoNews_AndNewsWaitingToGoIsNotRepeated()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var uninvited = couple["partners"]![0]!["email"]!.GetValue<string>();

        await therapist.RequestQuestionnaireAsync(couple, 0);
        await therapist.AssignAsync(couple, "reach-out", "partner_a");
        await Task.Delay(1000);

        factory.Mail.To(uninvited).Should().BeEmpty("the invitation brings them to the portal; until then there is no news to tell");
    }

    private static readonly TimeSpan PortalNewsWindow = TimeSpan.FromMinutes(15);

    /// <summary>Moves the clock on; the therapist's access token (10 minutes) is renewed as the web app would.</summary>
    private async Task AdvanceAsync(TimeSpan by, ApiClient therapist)
    {
        factory.Clock.Advance(by);
        (await therapist.RefreshAsync()).EnsureSuccessStatusCode();
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode?>> Deliveries(string recipient)
    {
        var admin = await factory.AdminAsync();
        return (await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(recipient)}&pageSize=100"))["items"]!
            .AsArray().ToList();
    }

    private static List<string> Headers(MimeMessage m) => m.Headers
        .Where(h => h.Field is not ("Message-Id" or "Message-ID" or "Date" or "Content-Type")) // boundaries differ per message
        .Select(h => $"{h.Field}: {(h.Field == "To" ? "" : h.Value)}").ToList();
}
