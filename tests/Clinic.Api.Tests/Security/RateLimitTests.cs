using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// Low limits for failed sign-ins (3 per account, 5 per address) and credential checks by a
/// signed-in user (8 a minute), portal writes (6 a minute per user), behind one known proxy (10.9.9.9) and a proxy range (192.0.2.0/28).
/// </summary>
public sealed class FailureLimitFactory : ClinicApiFactory
{
    public const string Proxy = "10.9.9.9";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:LoginRateLimit:FailedPerAccount", "3");
        builder.UseSetting("Clinic:LoginRateLimit:FailedPerAddress", "5");
        builder.UseSetting("Clinic:LoginRateLimit:CredentialChecksPerMinute", "8");
        builder.UseSetting("Clinic:LoginRateLimit:PortalWritesPerMinute", "6");
        builder.UseSetting("Clinic:Network:KnownProxies", $"{Proxy}, 192.0.2.0/28");
    }
}

/// <summary>
/// Limits that fit an office: failed sign-ins are limited per account and per address, each on its
/// own; the client address comes from X-Forwarded-For only when a configured proxy sent it.
/// </summary>
public sealed class RateLimitTests(FailureLimitFactory factory) : IClassFixture<FailureLimitFactory>
{
    [Fact]
    public async Task FailedSignIns_AreLimitedPerAccount_FromAnyAddress_AndAnUnknownEmailAlike()
    {
        var (_, known) = await factory.CreateTherapistAsync();
        var unknown = $"nobody.{Guid.NewGuid():N}"[..20] + "@clinic.test";
        var answers = new List<HttpStatusCode>();
        foreach (var email in new[] { known, unknown })
            for (var i = 0; i < 3; i++)
                answers.Add((await factory.Anonymous(peer: $"198.18.{i}.{answers.Count}").TryLoginAsync(email, "wrong-password-123")).StatusCode);

        var knownFourth = await factory.Anonymous(peer: "198.18.9.1").TryLoginAsync(known, Accounts.Password);
        var unknownFourth = await factory.Anonymous(peer: "198.18.9.2").TryLoginAsync(unknown, "wrong-password-123");
        var otherAccount = await factory.Anonymous(peer: "198.18.0.0").TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        answers.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        knownFourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "three failures for this account, from three addresses");
        unknownFourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "an unknown email is limited exactly as a known one");
        (await knownFourth.JsonAsync())["detail"]!.GetValue<string>().Should().Be((await unknownFourth.JsonAsync())["detail"]!.GetValue<string>());
        knownFourth.Headers.RetryAfter.Should().NotBeNull();
        otherAccount.StatusCode.Should().Be(HttpStatusCode.OK, "another account at the same address is not affected");
    }

    [Fact]
    public async Task PortalWrites_AreLimitedPerUser_With429AndRetryAfter_ReadsAndThePartnerAreNot()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var preferences = new { appointmentReminders = true, homeworkNudges = false, questionnaireReminders = true };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) answers.Add((await alex.PutAsync("/api/portal/notification-preferences", preferences)).StatusCode);
        var refused = await alex.PutAsync("/api/portal/notification-preferences", preferences);
        var anotherRoute = await alex.PostAsync($"/api/portal/check-ins/{Guid.NewGuid()}", new { answers = new { } });

        answers.Take(6).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        answers[6].Should().Be(HttpStatusCode.TooManyRequests);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        anotherRoute.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the budget is the user's, across portal writes");
        (await alex.GetAsync("/api/portal/notification-preferences")).StatusCode.Should().Be(HttpStatusCode.OK, "reads are not limited");
        (await sam.PutAsync("/api/portal/notification-preferences", preferences)).StatusCode.Should().Be(HttpStatusCode.OK,
            "another partner has a budget of their own");
    }

    [Fact]
    public async Task FailedSignIns_AreLimitedPerAddress_AcrossAccounts_AndOnlyThatAddress()
    {
        const string office = "198.19.0.1";
        for (var i = 0; i < 5; i++)
            (await factory.Anonymous(peer: office).TryLoginAsync($"guess{i}.{Guid.NewGuid():N}"[..16] + "@clinic.test", "wrong-password-123"))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var sameAddress = await factory.Anonymous(peer: office).TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var otherAddress = await factory.Anonymous(peer: "198.19.0.2").TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        sameAddress.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        otherAddress.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ForwardedFor_FromAPeerThatIsNoProxy_IsIgnored()
    {
        const string attacker = "203.0.113.9";
        for (var i = 0; i < 5; i++)
            await Spoofing(attacker, $"198.51.100.{i + 1}").TryLoginAsync($"spray{i}.{Guid.NewGuid():N}"[..16] + "@clinic.test", "wrong-password-123");

        var sixth = await Spoofing(attacker, "198.51.100.99").TryLoginAsync(ClinicApiFactory.AdminEmail, "wrong-password-123");
        var admin = Spoofing("203.0.113.10", "198.51.100.77");
        await admin.LoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        sixth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a forged X-Forwarded-For does not make a new address");
        (await admin.MySessionsAsync()).Single(s => s!["current"]!.GetValue<bool>())!["clientAddress"]!.GetValue<string>()
            .Should().Be("203.0.113.10", "the session records the peer, not what it claimed to forward");
    }

    [Fact]
    public async Task ForwardedFor_FromAKnownProxy_IsHonoured_SoAnOfficeBehindItIsNotOneBucket()
    {
        for (var i = 0; i < 6; i++)
            (await Spoofing(FailureLimitFactory.Proxy, $"198.51.100.{10 + i}").TryLoginAsync($"typo{i}.{Guid.NewGuid():N}"[..16] + "@clinic.test", "wrong-password-123"))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "each client behind the proxy has failures of its own");
        for (var i = 0; i < 5; i++)
            await Spoofing(FailureLimitFactory.Proxy, "198.51.100.50").TryLoginAsync($"bad{i}.{Guid.NewGuid():N}"[..16] + "@clinic.test", "wrong-password-123");

        var limited = await Spoofing(FailureLimitFactory.Proxy, "198.51.100.50").TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var colleague = Spoofing(FailureLimitFactory.Proxy, "198.51.100.51");
        var colleagueLogin = await colleague.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        // A proxy in a configured range, forwarding through the first proxy: the chain is followed back to the client.
        var chained = Spoofing("192.0.2.5", "198.51.100.60, 10.9.9.9");
        await chained.LoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        colleagueLogin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await colleague.MySessionsAsync()).Single(s => s!["current"]!.GetValue<bool>())!["clientAddress"]!.GetValue<string>()
            .Should().Be("198.51.100.51");
        (await chained.MySessionsAsync()).Single(s => s!["current"]!.GetValue<bool>())!["clientAddress"]!.GetValue<string>()
            .Should().Be("198.51.100.60");
    }

    [Fact]
    public async Task ChangePassword_WrongPasswords_CountTowardsTheLockout()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);

        for (var i = 0; i < 5; i++)
            (await therapist.PostAsync("/api/me/password", new { currentPassword = $"not-my-password-{i}", newPassword = "a-new-long-passphrase" }))
                .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var rightAfterwards = await therapist.PostAsync("/api/me/password", new { currentPassword = Accounts.Password, newPassword = "a-new-long-passphrase" });
        var signIn = await factory.Anonymous(peer: "198.21.0.1").TryLoginAsync(email, Accounts.Password);

        rightAfterwards.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "five wrong passwords lock the account, here as at sign-in");
        signIn.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked for sign-in too");
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        (await therapist.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        (await therapist.PostAsync("/api/me/password", new { currentPassword = Accounts.Password, newPassword = "a-new-long-passphrase" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task CredentialChecks_ByASignedInUser_AreLimitedPerUser()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var colleague = await factory.SignedInTherapistAsync();
        await therapist.PostJsonAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password }, HttpStatusCode.OK);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await therapist.PostAsync("/api/me/mfa/enrolment/confirm", new { code = "000000" })).StatusCode);
        var colleagueCheck = await colleague.PostAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password });

        statuses.Take(7).Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
        statuses[7].Should().Be(HttpStatusCode.TooManyRequests, "eight checks a minute, the enrolment's start among them");
        colleagueCheck.StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per user, not per address");
    }

    /// <summary>
    /// Each route that checks a signed-in user's password or code has the per-user budget (8 here):
    /// the ninth request in a minute is refused before any check, whatever the body.
    /// </summary>
    [Theory]
    [InlineData("POST", "/api/me/password")]
    [InlineData("DELETE", "/api/me/mfa")]
    [InlineData("POST", "/api/me/mfa/enrolment")]
    [InlineData("POST", "/api/me/mfa/enrolment/confirm")]
    public async Task EachCredentialCheckRoute_IsLimitedPerUser(string method, string path)
    {
        var therapist = await factory.SignedInTherapistAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
            statuses.Add((await therapist.SendAsync(new HttpMethod(method), path, new { })).StatusCode);

        statuses.Take(8).Should().NotContain(HttpStatusCode.TooManyRequests).And.NotContain(HttpStatusCode.NoContent);
        statuses[8].Should().Be(HttpStatusCode.TooManyRequests);
    }

    /// <summary>A client whose connection comes from <paramref name="peer"/>, claiming to forward <paramref name="forwardedFor"/>.</summary>
    private ApiClient Spoofing(string peer, string forwardedFor)
    {
        var client = factory.Anonymous(peer: peer);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}
