using Clinic.Api.Tests.Infrastructure;
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
        var before = factory.Mail.To(email).Count;

        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(1) });
        var checkIn = (await factory.Mail.WaitForAsync(email, before + 1))[^1];
        await therapist.RequestQuestionnaireAsync(couple, 1);
        var questionnaire = (await factory.Mail.WaitForAsync(email, before + 2))[^1];
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
        var log = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(email)}&pageSize=100");
        var kinds = log["items"]!.AsArray().ToDictionary(d => d!["id"]!.GetValue<Guid>().ToString("D"), d => d!["kind"]!.GetValue<string>());
        new[] { checkIn, questionnaire, homework }.Select(m => kinds[m.MessageId!.Split('@')[0]]).Should().AllBe("portal_news",
            "even the delivery log does not say which was the check-in");
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

    private static List<string> Headers(MimeMessage m) => m.Headers
        .Where(h => h.Field is not ("Message-Id" or "Message-ID" or "Date" or "Content-Type")) // boundaries differ per message
        .Select(h => $"{h.Field}: {(h.Field == "To" ? "" : h.Value)}").ToList();
}
