using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Auth;

public sealed class LoginTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Login_WithRightPassword_ReturnsTokenAndStrictHttpOnlyRefreshCookie()
    {
        var client = factory.Anonymous();

        var response = await client.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body["expiresIn"]!.GetValue<int>().Should().Be(600);
        body["user"]!["role"]!.GetValue<string>().Should().Be("admin");
        body.ToJsonString().Should().NotContain("refresh", "the refresh token travels only in the cookie");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic_refresh="));
        cookie.Should().Contain("httponly").And.Contain("secure").And.Contain("samesite=strict").And.Contain("path=/api/auth");
        var me = await client.GetJsonAsync("/api/me");
        me["email"]!.GetValue<string>().Should().Be(ClinicApiFactory.AdminEmail);
    }

    [Fact]
    public async Task Login_WithWrongPasswordOrUnknownEmail_Returns401WithTheSameProblem()
    {
        var wrongPassword = await factory.Anonymous().TryLoginAsync(ClinicApiFactory.AdminEmail, "not-the-password-at-all");
        var unknownEmail = await factory.Anonymous().TryLoginAsync("nobody@clinic.test", "not-the-password-at-all");

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownEmail.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongPassword.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await wrongPassword.JsonAsync())["detail"]!.GetValue<string>()
            .Should().Be((await unknownEmail.JsonAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_AfterFiveFailures_IsLockedFor15Minutes()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        for (var i = 0; i < 5; i++)
            (await factory.Anonymous().TryLoginAsync(email, "wrong-password-123")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var whileLocked = await factory.Anonymous().TryLoginAsync(email, Accounts.Password);
        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterLock = await factory.Anonymous().TryLoginAsync(email, Accounts.Password);

        whileLocked.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the right password does not open a locked account");
        afterLock.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WithUnknownProperty_Returns400NamingIt()
    {
        var response = await factory.Anonymous().PostAsync("/api/auth/login",
            new { email = "a@b.c", password = "whatever-long-enough", role = "admin" });

        (await response.ErrorFieldsAsync()).Should().Equal("role");
    }

    [Fact]
    public async Task Login_IsAuditedForSuccessAndFailure()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        await factory.Anonymous().TryLoginAsync(email, "wrong-password-xyz");
        await factory.SignInAsync(email, Accounts.Password);

        var admin = await factory.AdminAsync();
        var events = await admin.GetJsonAsync($"/api/admin/audit?userId={id}&action=auth.login");

        events["items"]!.AsArray().Select(e => e!["outcome"]!.GetValue<string>())
            .Should().Contain("allowed").And.Contain("denied");
    }
}

public sealed class RateLimitedFactory : ClinicApiFactory
{
    protected override int LoginPermitsPerMinute => 3;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:LoginRateLimit:LinksPerMinute", "3");
    }
}

public sealed class LoginRateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Login_BeyondThePerAddressLimit_Returns429Problem()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await factory.Anonymous().TryLoginAsync("someone@clinic.test", "wrong-password-123")).StatusCode);

        statuses.Take(3).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        statuses[3].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Refresh_DoesNotSpendTheSignInBudget_SoAColleagueAtTheSameAddressSignsIn()
    {
        const string office = "192.0.2.200";
        var me = factory.Anonymous(peer: office);
        await me.LoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        var refreshes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) refreshes.Add((await me.RefreshAsync()).StatusCode);
        var colleague = await factory.Anonymous(peer: office).TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var another = await factory.Anonymous(peer: office).TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var beyond = await factory.Anonymous(peer: office).TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        refreshes.Should().AllBeEquivalentTo(HttpStatusCode.OK, "every open tab refreshes; none of that is a sign-in attempt");
        colleague.StatusCode.Should().Be(HttpStatusCode.OK);
        another.StatusCode.Should().Be(HttpStatusCode.OK);
        beyond.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "three sign-ins a minute from one address");
    }

    [Fact]
    public async Task InvitationAcceptance_IsLimitedPerAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await factory.Anonymous(peer: "198.20.0.1").PostAsync("/api/auth/invitations/accept",
                new { token = "not-a-real-token", password = "long-enough-password" })).StatusCode);
        var elsewhere = await factory.Anonymous(peer: "198.20.0.2").PostAsync("/api/auth/invitations/accept",
            new { token = "not-a-real-token", password = "long-enough-password" });

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// Asking for a reset link and redeeming one are limited per address on the links' budget (three a
    /// minute here), like invitations, and spend nothing of the sign-in budget at that address.
    /// </summary>
    [Theory]
    [InlineData("/api/auth/password/reset", "198.20.1.1", HttpStatusCode.BadRequest)]
    [InlineData("/api/auth/password/forgot", "198.20.2.1", HttpStatusCode.Accepted)]
    public async Task PasswordResetLinks_AreLimitedPerAddress_WithoutSpendingTheSignInBudget(string path, string address, HttpStatusCode answered)
    {
        object body = path.EndsWith("/reset", StringComparison.Ordinal)
            ? new { token = "not-a-real-token", password = "long-enough-password" }
            : new { email = "nobody@clinic.test" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await factory.Anonymous(peer: address).PostAsync(path, body)).StatusCode);
        var signIn = await factory.Anonymous(peer: address).TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        statuses.Should().Equal(answered, answered, answered, HttpStatusCode.TooManyRequests);
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
