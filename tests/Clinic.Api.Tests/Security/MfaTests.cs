using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Clinic.Api.Tests.Security;

public sealed class MfaTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Enrolment_ReturnsKeyUriAndPngQrCode_AndConfirmTurnsMfaOnWithTenRecoveryCodes()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var enrolment = await therapist.PostJsonAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password }, HttpStatusCode.OK);
        var key = enrolment["sharedKey"]!.GetValue<string>();
        var confirmed = await therapist.PostJsonAsync("/api/me/mfa/enrolment/confirm", new { code = factory.Totp(key) }, HttpStatusCode.OK);

        enrolment["otpauthUri"]!.GetValue<string>().Should().StartWith("otpauth://totp/Clinic:")
            .And.Contain("secret=" + key.Replace(" ", "").ToUpperInvariant()).And.Contain("period=30");
        var png = Convert.FromBase64String(enrolment["qrCodePngBase64"]!.GetValue<string>());
        png.Take(4).Should().Equal(0x89, 0x50, 0x4E, 0x47);
        var codes = confirmed["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        codes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        (await therapist.GetJsonAsync("/api/me"))["mfaEnabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task RecoveryCodes_AreStoredHashed_NotInUserTokens()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var (_, codes) = await therapist.EnrolMfaAsync();

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var tokens = new NpgsqlCommand("SELECT coalesce(string_agg(value, '|'), '') FROM user_tokens WHERE user_id = $1", connection)
            { Parameters = { new() { Value = therapist.UserId } } };
        var tokenValues = (string)(await tokens.ExecuteScalarAsync())!;
        await using var stored = new NpgsqlCommand("SELECT string_agg(code_hash, '|') FROM recovery_codes WHERE user_id = $1", connection)
            { Parameters = { new() { Value = therapist.UserId } } };
        var hashes = ((string)(await stored.ExecuteScalarAsync())!).Split('|');

        hashes.Should().HaveCount(10).And.OnlyContain(h => h.Length == 64);
        foreach (var code in codes)
        {
            tokenValues.Should().NotContain(code).And.NotContain(code.Replace("-", ""));
            string.Join('|', hashes).Should().NotContain(code.Replace("-", ""));
        }
    }

    [Fact]
    public async Task Confirm_WithWrongCode_Returns400AndLeavesMfaOff()
    {
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.PostJsonAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password }, HttpStatusCode.OK);

        var response = await therapist.PostAsync("/api/me/mfa/enrolment/confirm", new { code = "000000" });

        (await response.ErrorFieldsAsync()).Should().Equal("code");
        (await therapist.GetJsonAsync("/api/me"))["mfaEnabled"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Login_WithMfa_AsksForCodeOnlyAfterRightPassword_ThenAcceptsTotp()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var (key, _) = await therapist.EnrolMfaAsync();

        var wrongPassword = await factory.Anonymous().TryLoginAsync(email, "wrong-password-123");
        var noCode = await factory.Anonymous().TryLoginAsync(email, Accounts.Password);
        var wrongCode = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, "123456");
        // The step used to confirm the enrolment is spent; the app shows the next one 30 s later.
        var rightCode = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key, steps: 1));

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrongPassword.JsonAsync())["mfaRequired"].Should().BeNull("the code is asked for only after the password is right");
        noCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await noCode.JsonAsync())["mfaRequired"]!.GetValue<bool>().Should().BeTrue();
        wrongCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rightCode.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Totp_AcceptsOneStepEitherSide_NotTwo()
    {
        var (email, key) = await EnrolledTherapistLaterAsync();

        var twoBehind = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key, steps: -2));
        var oneBehind = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key, steps: -1));
        var twoAhead = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key, steps: 2));
        var oneAhead = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key, steps: 1));

        twoBehind.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "RFC 6238 window of one step: 60 s old is too old");
        oneBehind.StatusCode.Should().Be(HttpStatusCode.OK);
        twoAhead.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        oneAhead.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Totp_CodeSignsInOnce_AndNoEarlierStepAfterIt()
    {
        var (email, key) = await EnrolledTherapistLaterAsync();
        var code = factory.Totp(key);

        var first = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, code);
        var replay = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, code);
        var earlier = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key, steps: -1));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a code seen once must not sign anyone in again");
        earlier.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Totp_SameCodeSentFourTimesAtOnce_SignsInOnce()
    {
        var (email, key) = await EnrolledTherapistLaterAsync();
        var code = factory.Totp(key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => factory.Anonymous().TryLoginAsync(email, Accounts.Password, code)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_ThenIsSpent()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var (_, codes) = await therapist.EnrolMfaAsync();

        var first = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, codes[3].ToLowerInvariant());
        var again = await factory.Anonymous().TryLoginAsync(email, Accounts.Password, codes[3]);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Enrolment_WhileEnabled_Returns409_AndClientsMayNotEnrol()
    {
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.EnrolMfaAsync();
        var couple = await therapist.CreateCoupleAsync();
        var partner = await therapist.SignedInPartnerAsync(couple, 0);

        (await therapist.PostAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await partner.PostAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DisableMfa_NeedsPasswordOrCode_ThenLoginNeedsNoCode()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var (key, _) = await therapist.EnrolMfaAsync();

        var wrong = await therapist.SendAsync(HttpMethod.Delete, "/api/me/mfa", new { currentPassword = "not-my-password-1" });
        var nothing = await therapist.SendAsync(HttpMethod.Delete, "/api/me/mfa", new { });
        var withCode = await therapist.SendAsync(HttpMethod.Delete, "/api/me/mfa", new { code = factory.Totp(key, steps: 1) });

        (await wrong.ErrorFieldsAsync()).Should().Equal("currentPassword");
        (await nothing.ErrorFieldsAsync()).Should().Equal("currentPassword");
        withCode.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminResetMfa_TurnsItOff_EndsSessions_AndIsAudited()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        await therapist.EnrolMfaAsync();
        var admin = await factory.AdminAsync();

        var reset = await admin.PostAsync($"/api/admin/therapists/{id}/mfa/reset");
        var unknown = await admin.PostAsync($"/api/admin/therapists/{Guid.NewGuid()}/mfa/reset");

        reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await therapist.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the reset ended the session");
        var again = await factory.SignInAsync(email, Accounts.Password);
        (await again.GetJsonAsync("/api/me"))["mfaEnabled"]!.GetValue<bool>().Should().BeFalse();
        var trail = await admin.GetJsonAsync($"/api/admin/audit?action=admin.mfa_reset&userId={admin.UserId}");
        trail["items"]!.AsArray().Should().ContainSingle(e => e!["resourceId"]!.GetValue<string>() == id.ToString());
    }

    [Fact]
    public async Task ReEnrolment_AfterTurningMfaOff_IssuesANewKey_AndOnlyTheNewKeySignsIn()
    {
        var (email, key) = await EnrolledTherapistLaterAsync();
        var therapist = factory.Anonymous();
        await therapist.LoginAsync(email, Accounts.Password, factory.Totp(key, steps: 1));

        await therapist.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/me/mfa", new { currentPassword = Accounts.Password });
        // Confirmed with the new key's code for the current step, earlier than the step the sign-in
        // spent with the old key: steps spent with an old key do not block the new one.
        var (newKey, codes) = await therapist.EnrolMfaAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await factory.AwayFromStepBoundaryAsync();

        newKey.Should().NotBe(key, "turning two-step sign-in off voids the old key");
        codes.Should().HaveCount(10);
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(key)))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an authenticator app still holding the old key proves nothing");
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password, factory.Totp(newKey)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartEnrolment_NeedsTheCurrentPassword_SoAStolenTokenCannotBindAnAuthenticator()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var noPassword = await therapist.PostAsync("/api/me/mfa/enrolment");
        var emptyBody = await therapist.PostAsync("/api/me/mfa/enrolment", new { });
        var wrong = await therapist.PostAsync("/api/me/mfa/enrolment", new { currentPassword = "not-my-password-at-all" });
        var confirm = await therapist.PostAsync("/api/me/mfa/enrolment/confirm", new { code = "123456" });

        (await noPassword.ErrorFieldsAsync()).Should().Equal("currentPassword");
        (await emptyBody.ErrorFieldsAsync()).Should().Equal("currentPassword");
        (await wrong.ErrorFieldsAsync()).Should().Equal("currentPassword");
        (await wrong.Content.ReadAsStringAsync()).Should().NotContain("sharedKey").And.NotContain("otpauth");
        confirm.StatusCode.Should().Be(HttpStatusCode.Conflict, "no key was issued to confirm");
        (await therapist.GetJsonAsync("/api/me"))["mfaEnabled"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task StartEnrolment_WrongPasswords_CountTowardsTheLockout()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);

        for (var i = 0; i < 5; i++)
            await therapist.PostAsync("/api/me/mfa/enrolment", new { currentPassword = $"not-my-password-{i}" });
        var rightAfterwards = await therapist.PostAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password });

        rightAfterwards.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DisableMfa_WrongPasswords_CountTowardsTheLockout()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        await therapist.EnrolMfaAsync();

        for (var i = 0; i < 5; i++)
            await therapist.SendAsync(HttpMethod.Delete, "/api/me/mfa", new { currentPassword = $"not-my-password-{i}" });
        var rightAfterwards = await therapist.SendAsync(HttpMethod.Delete, "/api/me/mfa", new { currentPassword = Accounts.Password });

        rightAfterwards.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await therapist.GetJsonAsync("/api/me"))["mfaEnabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task EveryMfaChange_IsOnTheAuditTrail()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        await therapist.PostAsync("/api/me/mfa/enrolment", new { currentPassword = "not-my-password-at-all" });
        var enrolment = await therapist.PostJsonAsync("/api/me/mfa/enrolment", new { currentPassword = Accounts.Password }, HttpStatusCode.OK);
        var key = enrolment["sharedKey"]!.GetValue<string>();
        await therapist.PostAsync("/api/me/mfa/enrolment/confirm", new { code = "000000" });
        var codes = (await therapist.PostJsonAsync("/api/me/mfa/enrolment/confirm", new { code = factory.Totp(key) }, HttpStatusCode.OK))
            ["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        var withRecovery = await factory.SignInAsync(email, Accounts.Password, codes[0]);
        await withRecovery.SendAsync(HttpMethod.Delete, "/api/me/mfa", new { currentPassword = "not-my-password-at-all" });
        await withRecovery.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/me/mfa", new { currentPassword = Accounts.Password });
        var again = await factory.SignInAsync(email, Accounts.Password);
        await again.EnrolMfaAsync();
        var admin = await factory.AdminAsync();
        await admin.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/admin/therapists/{id}/mfa/reset");

        var mine = (await admin.GetJsonAsync($"/api/admin/audit?userId={id}&pageSize=100"))["items"]!.AsArray()
            .Select(e => $"{e!["action"]!.GetValue<string>()} {e["outcome"]!.GetValue<string>()}").ToList();
        var reset = (await admin.GetJsonAsync("/api/admin/audit?action=admin.mfa_reset&pageSize=100"))["items"]!.AsArray()
            .Where(e => e!["resourceId"]?.GetValue<string>() == id.ToString());

        mine.Should().Contain(["mfa.enrolment_start denied", "mfa.enrolment_start allowed", "mfa.enrolment_confirm denied",
            "mfa.enable allowed", "mfa.recovery_code_used allowed", "mfa.disable denied", "mfa.disable allowed"]);
        mine.Count(a => a == "mfa.enable allowed").Should().Be(2);
        reset.Should().ContainSingle();
    }

    /// <summary>
    /// A therapist with TOTP on, ten minutes after enrolling (the step spent by the confirmation is
    /// long past) and clear of a step boundary, so "now ± n steps" means the same to test and API.
    /// </summary>
    private async Task<(string Email, string Key)> EnrolledTherapistLaterAsync()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var (key, _) = await therapist.EnrolMfaAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await factory.AwayFromStepBoundaryAsync();
        return (email, key);
    }
}

/// <summary>Security settings left at their defaults outside Development (the base factory turns MFA for admins off).</summary>
public sealed class DefaultSecurityApiFactory : ClinicApiFactory
{
    protected override string? RequireMfaForAdmins => null;
}

public sealed class MfaForAdminsByDefaultTests(DefaultSecurityApiFactory factory) : IClassFixture<DefaultSecurityApiFactory>
{
    [Fact]
    public async Task Admin_OutsideDevelopment_MustEnrolBeforeAdministering_ThenGetsAFullSession()
    {
        var admin = factory.Anonymous();
        var login = await admin.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        (await login.JsonAsync())["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeTrue();
        (await admin.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetJsonAsync("/api/me"))["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeTrue();
        var (key, _) = await admin.EnrolMfaAsync(ClinicApiFactory.AdminPassword);
        (await admin.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.Anonymous().TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "from now on the admin signs in with a code");
        key.Should().NotBeNullOrEmpty();
    }
}

/// <summary>The same defaults on a developer's machine (ASPNETCORE_ENVIRONMENT=Development).</summary>
public sealed class DevelopmentDefaultsApiFactory : ClinicApiFactory
{
    protected override string? RequireMfaForAdmins => null;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public sealed class MfaForAdminsInDevelopmentTests(DevelopmentDefaultsApiFactory factory) : IClassFixture<DevelopmentDefaultsApiFactory>
{
    /// <summary>The default is on only where real people sign in: a developer's admin gets a full session.</summary>
    [Fact]
    public async Task Admin_InDevelopment_IsNotAskedToEnrol_ByDefault()
    {
        var admin = factory.Anonymous();
        var login = await admin.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        login.StatusCode.Should().Be(HttpStatusCode.OK);
        (await login.JsonAsync())["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeFalse();
        (await admin.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>The practice requires MFA for therapists.</summary>
public sealed class MfaRequiredApiFactory : ClinicApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Security:RequireMfaForTherapists", "true");
    }
}

public sealed class MfaRequiredTests(MfaRequiredApiFactory factory) : IClassFixture<MfaRequiredApiFactory>
{
    [Fact]
    public async Task TherapistWithoutMfa_GetsSessionLimitedToEnrolment_UntilEnrolledAndRefreshed()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = factory.Anonymous();
        var login = await therapist.TryLoginAsync(email, Accounts.Password);
        (await login.JsonAsync())["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeTrue();

        var couplesWhileLimited = await therapist.GetAsync("/api/couples");
        var me = await therapist.GetJsonAsync("/api/me");
        await therapist.EnrolMfaAsync();
        var stillLimited = await therapist.GetAsync("/api/couples");
        var refreshed = await therapist.RefreshAsync();
        var couplesAfter = await therapist.GetAsync("/api/couples");

        couplesWhileLimited.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        me["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeTrue();
        stillLimited.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the limited token stays limited until refreshed");
        (await refreshed.JsonAsync())["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeFalse();
        couplesAfter.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_IsNotLimited_ByTheTherapistSetting()
    {
        var admin = factory.Anonymous();
        var login = await admin.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);

        (await login.JsonAsync())["mfaEnrolmentRequired"]!.GetValue<bool>().Should().BeFalse();
        (await admin.GetAsync("/api/admin/therapists")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
