using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Email;

/// <summary>Issue 18: a partner's corrected email moves their sign-in, and the old address is told, neutrally.</summary>
public sealed class SignInEmailChangeTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    private const string Subject = $"Your sign-in email at {EmailApiFactory.PracticeName} was changed";

    private static string Url(JsonNode couple, int partner) => $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(partner)}";
    private static uint Version(JsonNode couple, int partner) => couple["partners"]![partner]!["version"]!.GetValue<uint>();
    private static string Email(JsonNode couple, int partner) => couple["partners"]![partner]!["email"]!.GetValue<string>();

    [Fact]
    public async Task CorrectingAPortalAccountsEmail_TellsTheOldAddress_WithoutTheNewAddressOrAnythingClinical()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        var oldEmail = Email(couple, 0);
        var newEmail = $"alex.fixed.{Guid.NewGuid():N}@example.test";
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");

        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0), new { version = Version(current, 0), email = newEmail });
        await FollowTheLinkSentToAsync(newEmail);

        var notice = (await factory.Mail.WaitForAsync(oldEmail, match: m => m.Subject == Subject)).Single();
        notice.TextBody.Should().Contain("can no longer be used to sign in").And.Contain("contact the practice");
        var everything = EmailPrivacy.Everything(notice);
        everything.Should().NotContainEquivalentOf(newEmail, "the old address may be a stranger's: it never learns the new one");
        everything.Should().NotContain("http", "there is nothing to click: a link would be a phishing pattern and says nothing more");
        EmailPrivacy.AssertNothingClinical(notice, couple);
        var log = await (await factory.AdminAsync()).GetJsonAsync(
            $"/api/admin/deliveries?recipient={Uri.EscapeDataString(oldEmail)}&kind=sign_in_email_changed");
        log["items"]!.AsArray().Should().ContainSingle();
        factory.Mail.To(newEmail).Should().NotContain(m => m.Subject == Subject, "the notice is for the address that lost the sign-in");
    }

    private async Task FollowTheLinkSentToAsync(string address)
    {
        var confirm = (await factory.Mail.WaitForAsync(address, match: m => m.Subject!.StartsWith("Confirm your new sign-in email"))).Single();
        var token = System.Text.RegularExpressions.Regex.Match(confirm.TextBody!, @"/confirm-email\?token=([A-Za-z0-9_-]+)").Groups[1].Value;
        (await factory.Anonymous().PostAsync("/api/auth/email-change/confirm", new { token })).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task APortalAccountsNewAddress_SignsInOnlyAfterItsLinkIsFollowed_Once()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        var oldEmail = Email(couple, 0);
        var newEmail = $"alex.moved.{Guid.NewGuid():N}@example.test";
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0), new { version = Version(current, 0), email = newEmail });
        var confirm = (await factory.Mail.WaitForAsync(newEmail, match: m => m.Subject!.StartsWith("Confirm your new sign-in email"))).Single();
        var token = System.Text.RegularExpressions.Regex.Match(confirm.TextBody!, @"/confirm-email\?token=([A-Za-z0-9_-]+)").Groups[1].Value;

        (await factory.Anonymous().TryLoginAsync(newEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var first = await factory.Anonymous().PostAsync("/api/auth/email-change/confirm", new { token });
        var again = await factory.Anonymous().PostAsync("/api/auth/email-change/confirm", new { token });

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await again.ErrorFieldsAsync()).Should().Equal("token");
        (await factory.Anonymous().TryLoginAsync(newEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.Anonymous().TryLoginAsync(oldEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var read = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        read["partners"]![0]!["email"]!.GetValue<string>().Should().Be(newEmail);
        read["partners"]![0]!["pendingEmail"].Should().BeNull();
    }

    [Fact]
    public async Task ANewAddressThatAlreadySignsIn_IsToldSo_NothingChanges_AndTheTherapistSeesTheSameAnswer()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        var (_, staffEmail) = await factory.CreateTherapistAsync();
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");

        var answer = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0),
            new { version = Version(current, 0), email = staffEmail });

        answer["pendingEmail"]!.GetValue<string>().Should().Be(staffEmail);
        var told = (await factory.Mail.WaitForAsync(staffEmail, match: m => m.Subject!.StartsWith("Your email address and"))).Single();
        told.TextBody.Should().Contain("already signs in to Clinic, so nothing was changed");
        EmailPrivacy.Everything(told).Should().NotContain("http", "no link: nothing can be confirmed");
        EmailPrivacy.AssertNothingClinical(told, couple);
        factory.Mail.To(staffEmail).Should().NotContain(m => m.Subject!.StartsWith("Confirm"));
        (await factory.Anonymous().TryLoginAsync(staffEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the staff account is untouched");
    }

    [Fact]
    public async Task CorrectingAnEmailWithoutAPortalAccount_OrOnlyANameOfAnAccount_SendsNoNotice()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        var admin = await factory.AdminAsync();

        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 1),
            new { version = Version(couple, 1), email = $"sam.fixed.{Guid.NewGuid():N}@example.test" });
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0),
            new { version = Version(current, 0), firstName = "Alexis", email = Email(couple, 0).ToUpperInvariant() });

        // The outbox row is written with the correction, so the log answers at once.
        foreach (var address in new[] { Email(couple, 0), Email(couple, 1) })
            (await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(address)}&kind=sign_in_email_changed"))
                ["items"]!.AsArray().Should().BeEmpty(address + " kept or never had a sign-in");
    }
}
