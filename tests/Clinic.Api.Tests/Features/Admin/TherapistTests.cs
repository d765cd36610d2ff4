using System.Net;
using Clinic.Api.Domain.Users;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Admin;

public sealed class TherapistTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CreateTherapist_ThenAcceptInvitation_LetsTheTherapistSignIn()
    {
        var admin = await factory.AdminAsync();
        var created = await admin.PostJsonAsync("/api/admin/therapists",
            new { email = "ada.moss@clinic.test", firstName = "Ada", lastName = "Moss" });
        var token = created["invitationToken"]!.GetValue<string>();

        (await factory.Anonymous().TryLoginAsync("ada.moss@clinic.test", Accounts.Password))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no password is set before the invitation is accepted");
        await factory.Anonymous().ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/auth/invitations/accept",
            new { token, password = Accounts.Password });
        var therapist = await factory.SignInAsync("ada.moss@clinic.test", Accounts.Password);

        therapist.User!["role"]!.GetValue<string>().Should().Be("therapist");
        var list = await admin.GetJsonAsync("/api/admin/therapists");
        list["items"]!.AsArray().Should().Contain(t => t!["email"]!.GetValue<string>() == "ada.moss@clinic.test"
                                                      && t["status"]!.GetValue<string>() == "active");
    }

    [Fact]
    public async Task AcceptInvitation_Twice_Returns400SayingItWasUsed()
    {
        var admin = await factory.AdminAsync();
        var created = await admin.PostJsonAsync("/api/admin/therapists", new { email = "twice@clinic.test", firstName = "A", lastName = "B" });
        var body = new { token = created["invitationToken"]!.GetValue<string>(), password = Accounts.Password };
        await factory.Anonymous().ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/auth/invitations/accept", body);

        var again = await factory.Anonymous().PostAsync("/api/auth/invitations/accept", body);

        (await again.ErrorFieldsAsync()).Should().Equal("token");
        (await again.ErrorMessageAsync("token")).Should().Contain("already been used");
    }

    [Fact]
    public async Task AcceptInvitation_After72Hours_Returns400SayingItExpired()
    {
        var admin = await factory.AdminAsync();
        var created = await admin.PostJsonAsync("/api/admin/therapists", new { email = "late@clinic.test", firstName = "A", lastName = "B" });
        factory.Clock.Advance(TimeSpan.FromHours(72));

        var response = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = created["invitationToken"]!.GetValue<string>(), password = Accounts.Password });

        (await response.ErrorMessageAsync("token")).Should().Contain("expired");
    }

    [Fact]
    public async Task AcceptInvitation_WithShortPassword_Returns400NamingPassword()
    {
        var response = await factory.Anonymous().PostAsync("/api/auth/invitations/accept", new { token = "x", password = "short" });

        (await response.ErrorFieldsAsync()).Should().Contain("password");
        (await response.ErrorMessageAsync("password")).Should().Be(PasswordPolicy.LengthMessage);
    }

    [Fact]
    public async Task AcceptInvitation_WithOverlongPassword_Returns400WithTheSameMessage()
    {
        var response = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = "x", password = new string('p', PasswordPolicy.MaximumLength + 1) });

        (await response.ErrorFieldsAsync()).Should().Contain("password");
        (await response.ErrorMessageAsync("password")).Should().Be(PasswordPolicy.LengthMessage);
    }

    [Fact]
    public async Task CreateTherapist_WithBadEmail_Returns400NamingEmail()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/admin/therapists", new { email = "not-an-email", firstName = "A", lastName = "B" });

        (await response.ErrorFieldsAsync()).Should().Equal("email");
    }

    [Fact]
    public async Task DeactivateUnknownTherapist_Returns404Problem()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync($"/api/admin/therapists/{Guid.NewGuid()}/deactivate");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await response.JsonAsync();
        problem["status"]!.GetValue<int>().Should().Be(404);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        problem["correlationId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ListTherapists_WithPageSizeOver100_Returns400NamingPageSize()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync("/api/admin/therapists?pageSize=101");

        (await response.ErrorFieldsAsync()).Should().Equal("pageSize");
    }

    [Fact]
    public async Task ListTherapists_WithNonNumericPage_Returns400NamingPage()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync("/api/admin/therapists?page=abc");

        (await response.ErrorFieldsAsync()).Should().Equal("page");
    }
}
