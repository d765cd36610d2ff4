using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Auth;

/// <summary>
/// Signing out ends the server session even when the access token has expired: the web app's idle
/// logout, Sign out after a quiet spell and the portal's Leave this page all happen then.
/// </summary>
public sealed class LogoutTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Logout_WithOnlyTheRefreshCookie_AfterTheTokenExpired_EndsTheSessionAndClearsTheCookie()
    {
        var client = await factory.AdminAsync();
        var cookie = await RefreshCookieAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        client.UseToken(null);

        var logout = await client.PostAsync("/api/auth/logout");

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        logout.Headers.GetValues("Set-Cookie").Should().Contain(c =>
            c.StartsWith("clinic_refresh=;") && c.Contains("expires=Thu, 01 Jan 1970") && c.Contains("path=/api/auth"));
        (await WithCookie(cookie).RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session has ended");
    }

    [Fact]
    public async Task Logout_WithOnlyAnExpiredBearerToken_EndsTheSessionItNames()
    {
        var client = await factory.AdminAsync();
        var cookie = await RefreshCookieAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var tokenOnly = factory.Anonymous();
        tokenOnly.UseToken(client.AccessToken);

        var logout = await tokenOnly.PostAsync("/api/auth/logout");

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await WithCookie(cookie).RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_WithALiveTokenAndCookie_EndsTheSessionAtOnce_AndIsAudited()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var client = await factory.SignInAsync(email, Accounts.Password);
        var cookie = await RefreshCookieAsync(client);

        (await client.PostAsync("/api/auth/logout")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await WithCookie(cookie).RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var trail = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?userId={id}&action=auth.logout");
        trail["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Logout_WithATokenSignedByAnotherKey_OrNothing_Answers204AndEndsNoSession()
    {
        var client = await factory.AdminAsync();
        var parts = client.AccessToken!.Split('.');
        var forged = factory.Anonymous();
        forged.UseToken($"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}");

        (await forged.PostAsync("/api/auth/logout")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await factory.Anonymous().PostAsync("/api/auth/logout")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK, "a token that fails its signature names nothing");
    }

    private ApiClient WithCookie(string cookie)
    {
        var other = factory.Anonymous();
        other.Http.DefaultRequestHeaders.Add("Cookie", cookie);
        return other;
    }

    /// <summary>The refresh cookie the client holds now ("clinic_refresh=…"), as a stolen or remembered copy.</summary>
    private static async Task<string> RefreshCookieAsync(ApiClient client)
    {
        var refreshed = await client.RefreshAsync();
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        return refreshed.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic_refresh=")).Split(';')[0];
    }
}

/// <summary>A practice that sets a two-minute access token.</summary>
public sealed class ShortTokenApiFactory : ClinicApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Jwt:AccessTokenMinutes", "2");
    }
}

public sealed class AccessTokenLifetimeTests(ShortTokenApiFactory factory) : IClassFixture<ShortTokenApiFactory>
{
    [Fact]
    public async Task AccessTokenMinutes_SetsTheTokensLifetime_AndExpiresIn()
    {
        var client = factory.Anonymous();
        var login = await client.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        (await login.JsonAsync())["expiresIn"]!.GetValue<int>().Should().Be(120);
        factory.Clock.Advance(TimeSpan.FromSeconds(100));
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "the session outlives its access tokens");
    }
}
