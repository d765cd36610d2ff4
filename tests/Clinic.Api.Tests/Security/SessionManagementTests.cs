using System.Net;
using Clinic.Api.Domain.Users;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

public sealed class SessionManagementTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ListMySessions_ShowsOnlyMineWithCurrentMarked()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var phone = await factory.SignInAsync(email, Accounts.Password);
        await factory.SignedInTherapistAsync();

        var sessions = await laptop.MySessionsAsync();

        sessions.Should().HaveCount(2);
        sessions.Count(s => s!["current"]!.GetValue<bool>()).Should().Be(1);
        sessions[0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
            "id", "createdAt", "lastRefreshedAt", "expiresAt", "clientAddress", "userAgent", "current");
        (await phone.MySessionsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task EndMySession_EndsThatSessionAtOnce_AnotherUsersSessionIs404()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var phone = await factory.SignInAsync(email, Accounts.Password);
        var other = await factory.SignedInTherapistAsync();
        var phoneSession = (await phone.MySessionsAsync()).Single(s => s!["current"]!.GetValue<bool>())!["id"]!.GetValue<string>();

        var byOther = await other.DeleteAsync($"/api/me/sessions/{phoneSession}");
        var byOwner = await laptop.DeleteAsync($"/api/me/sessions/{phoneSession}");

        byOther.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byOwner.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await phone.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await phone.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await laptop.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EndMyOtherSessions_SignsOutEverywhereElse_KeepsThisOne_AndIsAudited()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var phone = await factory.SignInAsync(email, Accounts.Password);
        var tablet = await factory.SignInAsync(email, Accounts.Password);
        var other = await factory.SignedInTherapistAsync();

        var ended = await laptop.PostJsonAsync("/api/me/sessions/end-others", new { }, HttpStatusCode.OK);
        var again = await laptop.PostJsonAsync("/api/me/sessions/end-others", new { }, HttpStatusCode.OK);

        ended["ended"]!.GetValue<int>().Should().Be(2);
        again["ended"]!.GetValue<int>().Should().Be(0, "nothing is left to end");
        (await phone.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await tablet.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await laptop.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK, "another person's sessions are theirs");
        (await laptop.MySessionsAsync()).Should().ContainSingle().Which!["current"]!.GetValue<bool>().Should().BeTrue();
        var admin = await factory.AdminAsync();
        (await admin.GetJsonAsync($"/api/admin/audit?userId={id}&action=auth.session_end_others"))["items"]!.AsArray()
            .Select(e => e!["detail"]!.GetValue<string>()).Should().Equal("ended=0", "ended=2");
    }

    [Fact]
    public async Task ChangePassword_EndsEverySessionIncludingThisOne_AndTheNewPasswordWorks()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var phone = await factory.SignInAsync(email, Accounts.Password);

        var changed = await laptop.PostAsync("/api/me/password", new { currentPassword = Accounts.Password, newPassword = "a-new-long-passphrase" });

        changed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await laptop.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await phone.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Anonymous().TryLoginAsync(email, "a-new-long-passphrase")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_WithWrongCurrentOrShortNew_Returns400NamingTheField()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var wrong = await therapist.PostAsync("/api/me/password", new { currentPassword = "not-the-password", newPassword = "a-new-long-passphrase" });
        var shortNew = await therapist.PostAsync("/api/me/password", new { currentPassword = Accounts.Password, newPassword = "short" });

        (await wrong.ErrorFieldsAsync()).Should().Equal("currentPassword");
        (await shortNew.ErrorFieldsAsync()).Should().Equal("newPassword");
        (await shortNew.ErrorMessageAsync("newPassword")).Should().Be(PasswordPolicy.LengthMessage);
        (await therapist.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminRevokesUserSessions_EndsThemAtOnce_AndIsAudited()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var phone = await factory.SignInAsync(email, Accounts.Password);
        var admin = await factory.AdminAsync();

        var revoked = await admin.PostJsonAsync($"/api/admin/users/{id}/sessions/revoke", null, HttpStatusCode.OK);
        var unknown = await admin.PostAsync($"/api/admin/users/{Guid.NewGuid()}/sessions/revoke");

        revoked["revoked"]!.GetValue<int>().Should().Be(2);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await laptop.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await phone.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var trail = await admin.GetJsonAsync($"/api/admin/audit?action=admin.sessions_revoke");
        trail["items"]!.AsArray().Should().ContainSingle(e => e!["resourceId"]!.GetValue<string>() == id.ToString());
    }

    [Fact]
    public async Task SessionActions_AreAudited()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var phone = await factory.SignInAsync(email, Accounts.Password);
        var phoneSession = (await phone.MySessionsAsync()).Single(s => s!["current"]!.GetValue<bool>())!["id"]!.GetValue<string>();
        await laptop.DeleteAsync($"/api/me/sessions/{phoneSession}");
        await laptop.PostAsync("/api/me/password", new { currentPassword = Accounts.Password, newPassword = "a-new-long-passphrase" });
        var admin = await factory.AdminAsync();

        var trail = await admin.GetJsonAsync($"/api/admin/audit?userId={id}&pageSize=100");

        var actions = trail["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        actions.Should().Contain("auth.session_end").And.Contain("auth.password_change");
    }
}
