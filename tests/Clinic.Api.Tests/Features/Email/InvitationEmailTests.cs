using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Email;

public sealed class InvitationEmailTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task Invite_EmailsThePartnerTheSameLinkItReturns_AndTheLinkSetsTheirPassword()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var email = couple["partners"]![1]!["email"]!.GetValue<string>();

        var invitation = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(1)}/invitation", null);
        var message = (await factory.Mail.WaitForAsync(email))[0];
        var token = Regex.Match(message.TextBody!, @"/invite\?token=([A-Za-z0-9_-]+)").Groups[1].Value;

        token.Should().Be(invitation["invitationToken"]!.GetValue<string>(), "the link shown for in-person use is the one emailed");
        message.Subject.Should().Contain(EmailApiFactory.PracticeName);
        message.TextBody.Should().Contain(EmailApiFactory.PublicUrl + "/invite?token=").And.Contain("72 hours");
        EmailPrivacy.AssertNothingClinical(message, couple);
        (await factory.Anonymous().PostAsync("/api/auth/invitations/accept", new { token, password = Accounts.Password }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task CreatingATherapist_EmailsTheirInvitation()
    {
        var email = $"t{Guid.NewGuid():N}"[..12] + "@clinic.test";

        var created = await (await factory.AdminAsync()).PostJsonAsync("/api/admin/therapists", new { email, firstName = "Ada", lastName = "Moss" });
        var message = (await factory.Mail.WaitForAsync(email))[0];

        message.TextBody.Should().Contain("/invite?token=" + created["invitationToken"]!.GetValue<string>());
        message.Subject.Should().Be($"Your account at {EmailApiFactory.PracticeName}");
    }
}
