using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Schema;

/// <summary>A write sent with no body names the fields it needs, never the handler's parameter.</summary>
public sealed class BodilessWriteTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task SignSession_WithNoBody_Returns400NamingVersion()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);

        var response = await therapist.PostAsync($"/api/sessions/{session.Id()}/sign");

        (await response.ErrorFieldsAsync()).Should().Equal("version");
    }

    [Fact]
    public async Task OtherWrites_WithNoBody_NameTheirOwnFields()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);

        var patchCouple = await therapist.SendAsync(HttpMethod.Patch, $"/api/couples/{couple.Id()}");
        var amend = await therapist.PostAsync($"/api/sessions/{session.Id()}/amendments");
        var password = await therapist.PostAsync("/api/me/password");
        var enrolment = await therapist.PostAsync("/api/me/mfa/enrolment");
        var confirm = await therapist.PostAsync("/api/me/mfa/enrolment/confirm");
        var accept = await factory.Anonymous().PostAsync("/api/auth/invitations/accept");

        (await patchCouple.ErrorFieldsAsync()).Should().Equal("version");
        (await amend.ErrorFieldsAsync()).Should().NotBeEmpty().And.NotContain(["command", "body"]);
        (await password.ErrorFieldsAsync()).Should().BeEquivalentTo("currentPassword", "newPassword");
        (await enrolment.ErrorFieldsAsync()).Should().Equal("currentPassword");
        (await confirm.ErrorFieldsAsync()).Should().Equal("code");
        (await accept.ErrorFieldsAsync()).Should().BeEquivalentTo("token", "password");
    }

    [Fact]
    public async Task AJsonWrite_WithAnEmptyBody_NamesItsMissingFields_AsOneWithNoContentTypeDoes()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);

        async Task<HttpResponseMessage> EmptyJson(HttpMethod method, string url)
        {
            var content = new ByteArrayContent([]);
            content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            return await therapist.Http.SendAsync(new HttpRequestMessage(method, url)
            {
                Content = content, Headers = { Authorization = new("Bearer", therapist.AccessToken) },
            });
        }

        (await (await EmptyJson(HttpMethod.Post, $"/api/sessions/{session.Id()}/sign")).ErrorFieldsAsync()).Should().Equal("version");
        (await (await EmptyJson(HttpMethod.Patch, $"/api/couples/{couple.Id()}")).ErrorFieldsAsync()).Should().Equal("version");
    }

    [Fact]
    public async Task AWriteWithABodyThatIsNotJson_IsStillRefusedAs415()
    {
        var therapist = await factory.SignedInTherapistAsync();
        using var content = new StringContent("version=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await therapist.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/me/password")
        {
            Content = content, Headers = { Authorization = new("Bearer", therapist.AccessToken) },
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }
}
