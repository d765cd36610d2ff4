using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

/// <summary>A practice behind one reverse proxy (10.8.8.8).</summary>
public sealed class BehindProxyApiFactory : ClinicApiFactory
{
    public const string Proxy = "10.8.8.8";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Network:KnownProxies", Proxy);
    }
}

/// <summary>
/// Every response carries the hardening headers, errors included; HSTS when the client's connection
/// was HTTPS, directly or through a known proxy; an unknown /api route answers the app's own problem.
/// </summary>
public sealed class SecurityHeadersTests(BehindProxyApiFactory factory) : IClassFixture<BehindProxyApiFactory>
{
    [Fact]
    public async Task EveryResponse_ErrorsIncluded_CarriesTheHardeningHeaders()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var couple = await other.CreateCoupleAsync();
        var anonymous = factory.Anonymous();

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["200"] = await therapist.GetAsync("/api/me"),
            ["404 another caseload's couple"] = await therapist.GetAsync($"/api/couples/{couple.Id()}"),
            ["404 unknown api route"] = await therapist.GetAsync("/api/no-such-thing"),
            ["400 validation"] = await therapist.PostAsync("/api/couples", new { partners = Array.Empty<object>() }),
            ["400 unreadable body"] = await therapist.PostAsync("/api/couples", "{not json"),
            ["401"] = await anonymous.GetAsync("/api/me"),
            ["403"] = await therapist.GetAsync("/api/admin/therapists"),
            ["413"] = await anonymous.PostAsync("/api/auth/login", "{\"email\":\"" + new string('a', 1024 * 1024) + "\"}"),
            ["web app page"] = await anonymous.GetAsync("/couples/1"),
        };

        foreach (var (name, response) in responses)
        {
            var headers = response.Headers;
            headers.GetValues("X-Content-Type-Options").Should().Equal(["nosniff"], name);
            headers.GetValues("X-Frame-Options").Should().Equal(["DENY"], name);
            headers.GetValues("Referrer-Policy").Should().Equal(["no-referrer"], name);
            headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'", name);
            headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=31536000", name);
        }
        responses["404 another caseload's couple"].StatusCode.Should().Be(HttpStatusCode.NotFound);
        responses["400 validation"].StatusCode.Should().Be(HttpStatusCode.BadRequest);
        responses["413"].StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("POST", "/api/couples/not-a-guid/no-such-thing")]
    [InlineData("DELETE", "/api")]
    public async Task UnknownApiRoute_AnswersTheAppsOwnProblem_WithACorrelationId(string method, string path)
    {
        // Signed out, every path needs a sign-in first (the fallback policy): what exists is not told.
        foreach (var (client, status, title) in new[]
                 {
                     (factory.Anonymous(), HttpStatusCode.Unauthorized, "Unauthorized"),
                     (await factory.AdminAsync(), HttpStatusCode.NotFound, "Not found"),
                 })
        {
            var response = await client.SendAsync(new HttpMethod(method), path);

            response.StatusCode.Should().Be(status);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await response.JsonAsync();
            problem["title"]!.GetValue<string>().Should().Be(title);
            problem["type"]!.GetValue<string>().Should().Be($"https://httpstatuses.io/{(int)status}");
            problem["status"]!.GetValue<int>().Should().Be((int)status);
            problem["correlationId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }
    }

    [Fact]
    public async Task Hsts_IsSentOverHttps_NotOverPlainHttp()
    {
        var overHttps = await factory.Anonymous().GetAsync("/health/live");
        var overHttp = await factory.Anonymous(scheme: "http").GetAsync("/health/live");

        overHttps.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=31536000; includeSubDomains");
        overHttp.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
        overHttp.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Hsts_FollowsXForwardedProto_FromAKnownProxyOnly()
    {
        var viaProxy = factory.Anonymous(peer: BehindProxyApiFactory.Proxy, scheme: "http");
        viaProxy.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        viaProxy.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        var spoofed = factory.Anonymous(peer: "203.0.113.5", scheme: "http");
        spoofed.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        (await viaProxy.GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security").Should().BeTrue();
        (await spoofed.GetAsync("/health/live")).Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }
}
