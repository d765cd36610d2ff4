using System.Net;
using System.Text;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Auth;

public sealed class TokenTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Refresh_RotatesTheCookieAndIssuesANewAccessToken()
    {
        var client = await factory.AdminAsync();
        var firstToken = client.AccessToken;

        var response = await client.RefreshAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        client.AccessToken.Should().NotBe(firstToken);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("clinic_refresh="));
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WithAnAlreadyUsedToken_RevokesTheWholeFamily()
    {
        var victim = factory.Anonymous();
        var login = await victim.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var stolenCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic_refresh=")).Split(';')[0];
        (await victim.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.OK);

        var attacker = factory.Anonymous();
        attacker.Http.DefaultRequestHeaders.Add("Cookie", stolenCookie);
        var replay = await attacker.RefreshAsync();

        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await victim.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session is revoked");
        (await victim.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the newest token died with its family");
    }

    [Fact]
    public async Task Refresh_AfterThirtyMinutesIdle_Returns401()
    {
        var client = await factory.AdminAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(31));

        (await client.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_MakesTheAccessTokenUnusableAtOnce()
    {
        var client = await factory.AdminAsync();

        (await client.PostAsync("/api/auth/logout")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var refresh = await client.RefreshAsync();
        refresh.StatusCode.Should().Be(HttpStatusCode.NoContent, "the cookie was cleared: nothing is left to refresh");
        (await refresh.Content.ReadAsStringAsync()).Should().BeEmpty("no token is issued");
        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WithNoCookieAtAll_Is204WithoutABody_NotAFailure()
    {
        var firstVisit = factory.Anonymous();

        var response = await firstVisit.RefreshAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        response.Headers.Contains("Set-Cookie").Should().BeFalse("no session is started by asking");
    }

    [Fact]
    public async Task AccessToken_AfterTenMinutes_Returns401()
    {
        var client = await factory.AdminAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(10));

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessToken_Tampered_Returns401()
    {
        var client = await factory.AdminAsync();
        var parts = client.AccessToken!.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"admin\"", "\"therapist\"");
        client.UseToken($"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}");

        (await client.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessToken_WithAlgNone_Returns401()
    {
        var client = await factory.AdminAsync();
        var payload = client.AccessToken!.Split('.')[1];
        var header = Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        client.UseToken($"{header}.{payload}.");

        var response = await client.GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoToken_Returns401Problem()
    {
        var response = await factory.Anonymous().GetAsync("/api/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task TherapistToken_OnAdminEndpoint_Returns403()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.GetAsync("/api/admin/therapists");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Deactivation_EndsTheTherapistsSessionAtOnce()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var admin = await factory.AdminAsync();

        await admin.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/admin/therapists/{id}/deactivate");

        (await therapist.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
