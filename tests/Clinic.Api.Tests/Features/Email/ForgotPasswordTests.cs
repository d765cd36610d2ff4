using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Domain.Users;
using Clinic.Api.Tests.Infrastructure;
using MimeKit;

namespace Clinic.Api.Tests.Features.Email;

public sealed class ForgotPasswordTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    private static string TokenIn(MimeMessage message) =>
        Regex.Match(message.TextBody!, @"/reset-password\?token=([A-Za-z0-9_-]+)").Groups[1].Value;

    [Fact]
    public async Task Forgot_ForAnActiveAccount_Emails_ASingleUseLink_ThatSetsTheNewPassword_AndEndsEverySession()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var signedIn = await factory.SignInAsync(email, Accounts.Password);
        var anonymous = factory.Anonymous();

        var forgot = await anonymous.PostAsync("/api/auth/password/forgot", new { email = email.ToUpperInvariant() });
        var message = (await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("Reset")))[0];
        var token = TokenIn(message);
        var reset = await anonymous.PostAsync("/api/auth/password/reset", new { token, password = "a-brand-new-password" });
        var again = await anonymous.PostAsync("/api/auth/password/reset", new { token, password = "yet-another-password" });

        forgot.StatusCode.Should().Be(HttpStatusCode.Accepted);
        message.TextBody.Should().Contain(EmailApiFactory.PublicUrl + "/reset-password?token=").And.Contain("one hour");
        reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await again.ErrorFieldsAsync()).Should().Equal("token");
        (await signedIn.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a reset ends the account's sessions");
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Anonymous().TryLoginAsync(email, "a-brand-new-password")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CheckLink_BeforeTyping_NamesTheAccountsEmail_ChangesNothing_AndAUsedOrExpiredLinkSaysSo()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var anonymous = factory.Anonymous();
        await anonymous.PostAsync("/api/auth/password/forgot", new { email });
        var token = TokenIn((await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("Reset")))[0]);

        var first = await anonymous.PostJsonAsync("/api/auth/password/reset/check", new { token }, HttpStatusCode.OK);
        var second = await anonymous.PostJsonAsync("/api/auth/password/reset/check", new { token }, HttpStatusCode.OK);
        (await anonymous.PostAsync("/api/auth/password/reset", new { token, password = "a-brand-new-password" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent, "checking a link does not spend it");
        var used = await anonymous.PostAsync("/api/auth/password/reset/check", new { token });
        var unknown = await anonymous.PostAsync("/api/auth/password/reset/check", new { token = "not-a-token-we-sent" });

        first["email"]!.GetValue<string>().Should().Be(email);
        second["email"]!.GetValue<string>().Should().Be(email);
        (await used.ErrorFieldsAsync()).Should().Equal("token");
        (await used.Content.ReadAsStringAsync()).Should().Contain("already been used");
        (await unknown.ErrorFieldsAsync()).Should().Equal("token");
        (await unknown.Content.ReadAsStringAsync()).Should().NotContain("already been used");
        var trail = (await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?userId={id}&action=auth.password_reset_check&pageSize=100"))["items"]!
            .AsArray().Select(e => $"{e!["outcome"]!.GetValue<string>()} {e["detail"]?.GetValue<string>()}").ToList();
        trail.Should().BeEquivalentTo(["allowed ", "allowed ", "denied used"]);

        await anonymous.PostAsync("/api/auth/password/forgot", new { email });
        var later = TokenIn((await factory.Mail.WaitForAsync(email, count: 2, match: m => m.Subject!.StartsWith("Reset")))[^1]);
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await anonymous.PostAsync("/api/auth/password/reset/check", new { token = later });
        (await expired.Content.ReadAsStringAsync()).Should().Contain("has expired");
    }

    [Fact]
    public async Task Reset_SentEightTimesAtOnceWithOneLink_Succeeds_Once_AndIsOnTheTrailOnce()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email });
        var token = TokenIn((await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("Reset")))[0]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            factory.Anonymous().PostAsync("/api/auth/password/reset", new { token, password = $"racing-password-number-{i}" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.NoContent).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest).Should().Be(7);
        var trail = (await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?userId={id}&action=auth.password_reset&pageSize=100"))["items"]!
            .AsArray();
        trail.Count(e => e!["outcome"]!.GetValue<string>() == "allowed").Should().Be(1);
        var winner = Enumerable.Range(0, 8).Single(i => responses[i].StatusCode == HttpStatusCode.NoContent);
        (await factory.Anonymous().TryLoginAsync(email, $"racing-password-number-{winner}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forgot_KnownAndUnknownAddresses_TakeTheSamePath_TheSameStatementsInTheSameOrder()
    {
        using var calls = new DatabaseCalls();
        var (_, known) = await factory.CreateTherapistAsync();
        var unknown = $"nobody.{Guid.NewGuid():N}@clinic.test";
        var anonymous = factory.Anonymous();
        // Warm both paths once, so neither pays for a first call.
        await anonymous.PostAsync("/api/auth/password/forgot", new { email = $"warm.{Guid.NewGuid():N}@clinic.test" });

        var forKnown = await calls.SendAsync(anonymous, HttpMethod.Post, "/api/auth/password/forgot", new { email = known });
        var forUnknown = await calls.SendAsync(anonymous, HttpMethod.Post, "/api/auth/password/forgot", new { email = unknown });

        forKnown.Response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        forUnknown.Response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        forKnown.Calls.Should().NotBeEmpty();
        forUnknown.Calls.Select(c => c.Sql).Should().Equal(forKnown.Calls.Select(c => c.Sql),
            "the request queues the same work whatever the address; only the sender looks it up");
        forKnown.Calls.Should().NotContain(c => c.Sql.Contains("FROM users", StringComparison.OrdinalIgnoreCase));
        await factory.Mail.WaitForAsync(known, match: m => m.Subject!.StartsWith("Reset"));
    }

    [Fact]
    public async Task Forgot_SendsAtMostThreeLinksAnHour_PerAccount_WhateverTheCallersAddress()
    {
        var (_, email) = await factory.CreateTherapistAsync();

        for (var i = 0; i < 5; i++)
            (await factory.Anonymous(peer: $"198.51.100.{i + 1}").PostAsync("/api/auth/password/forgot", new { email }))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var admin = await factory.AdminAsync();
        async Task<string[]> StatusesAsync() => (await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(email)}&kind=password_reset&pageSize=100"))["items"]!
            .AsArray().Select(d => d!["status"]!.GetValue<string>()).ToArray();
        for (var wait = 0; wait < 100 && (await StatusesAsync()).Any(s => s == "pending"); wait++) await Task.Delay(100);

        (await factory.Mail.WaitForAsync(email, 3, m => m.Subject!.StartsWith("Reset"))).Should().HaveCount(3);
        (await StatusesAsync()).Should().BeEquivalentTo(["sent", "sent", "sent", "skipped", "skipped"]);
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email });
        (await factory.Mail.WaitForAsync(email, 4, m => m.Subject!.StartsWith("Reset"))).Should().HaveCount(4, "an hour later a link goes again");
    }

    [Fact]
    public async Task Forgot_ForAnUnknownAddress_AnswersTheSame202_AndSendsNothing()
    {
        var (_, known) = await factory.CreateTherapistAsync();
        var unknown = $"nobody.{Guid.NewGuid():N}@clinic.test";

        var forKnown = await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email = known });
        var forUnknown = await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email = unknown });
        await factory.Mail.WaitForAsync(known, match: m => m.Subject!.StartsWith("Reset"));
        await Task.Delay(1000);

        forUnknown.StatusCode.Should().Be(forKnown.StatusCode).And.Be(HttpStatusCode.Accepted);
        (await forUnknown.Content.ReadAsStringAsync()).Should().Be(await forKnown.Content.ReadAsStringAsync());
        factory.Mail.To(unknown).Should().BeEmpty();
    }

    [Fact]
    public async Task Reset_WorksForClientsToo_AndAnExpiredLinkIs400()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.SignedInPartnerAsync(couple, 0);
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();

        await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email });
        var token = TokenIn((await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("Reset")))[0]);
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        var late = await factory.Anonymous().PostAsync("/api/auth/password/reset", new { token, password = "a-brand-new-password" });

        (await late.ErrorFieldsAsync()).Should().Equal("token");
        EmailPrivacy.AssertNothingClinical(factory.Mail.To(email).Last(), couple);
    }

    [Theory]
    [InlineData(null, "long-enough-password", "token")]
    [InlineData("some-token", "short", "password")]
    [InlineData("some-token", null, "password")]
    public async Task Reset_WithBadInput_Is400NamingTheField(string? token, string? password, string field)
    {
        var response = await factory.Anonymous().PostAsync("/api/auth/password/reset", new { token, password });

        (await response.ErrorFieldsAsync()).Should().Contain(field);
        if (field == "password") (await response.ErrorMessageAsync("password")).Should().Be(PasswordPolicy.LengthMessage);
    }

    [Fact]
    public async Task Forgot_WithoutAnEmail_Is400()
    {
        var response = await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email = "" });

        (await response.ErrorFieldsAsync()).Should().Equal("email");
    }

    [Fact]
    public async Task Reset_LiftsALockout_SoTheOwnerOfTheMailboxCanSignIn()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        for (var i = 0; i < 5; i++) await factory.Anonymous().TryLoginAsync(email, "wrong-password-here");
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "locked");

        await factory.Anonymous().PostAsync("/api/auth/password/forgot", new { email });
        var token = TokenIn((await factory.Mail.WaitForAsync(email, match: m => m.Subject!.StartsWith("Reset")))[0]);
        await factory.Anonymous().PostAsync("/api/auth/password/reset", new { token, password = "a-brand-new-password" });

        (await factory.Anonymous().TryLoginAsync(email, "a-brand-new-password")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
