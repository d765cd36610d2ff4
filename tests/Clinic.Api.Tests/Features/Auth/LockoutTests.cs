using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Auth;

/// <summary>
/// Five failures lock an account for 15 minutes, counted atomically however many attempts arrive at
/// once, and the answers never tell a known email from an unknown one.
/// </summary>
public sealed class LockoutTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Login_EightWrongPasswordsAtOnce_ChecksFive_AnswersAll401_ThenRefusesTheRightPassword()
    {
        var (id, email) = await factory.CreateTherapistAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => factory.Anonymous().TryLoginAsync(email, $"wrong-password-{i:00}-xyz")));
        var rightPassword = await factory.Anonymous().TryLoginAsync(email, Accounts.Password);

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized, "never 409, never a hint");
        rightPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "five failures lock the account");
        var reasons = await LoginDenialsAsync(id);
        reasons.Count(r => r == "wrong_password").Should().Be(5, "a sixth password is never checked");
        reasons.Count(r => r == "locked_out").Should().Be(4, "three refused at once, and the right password after them");
    }

    [Fact]
    public async Task Login_EightWrongPasswordsAtOnce_ForAnUnknownEmail_AnswerTheSame()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var known = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => factory.Anonymous().TryLoginAsync(email, "wrong-password-123")));
        var unknown = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => factory.Anonymous().TryLoginAsync("nobody." + Guid.NewGuid().ToString("N")[..8] + "@clinic.test", "wrong-password-123")));

        var shapes = new List<string>();
        foreach (var answer in known.Concat(unknown)) shapes.Add(await ShapeAsync(answer));

        shapes.Distinct().Should().ContainSingle("a known email, locked or not, answers exactly as an unknown one");
    }

    [Fact]
    public async Task Login_LockedKnownEmail_WrongPassword_AndUnknownEmail_AnswerIdentically()
    {
        var (_, locked) = await factory.CreateTherapistAsync();
        for (var i = 0; i < 5; i++) await factory.Anonymous().TryLoginAsync(locked, "wrong-password-123");
        var (_, known) = await factory.CreateTherapistAsync();

        var shapes = new[]
        {
            await ShapeAsync(await factory.Anonymous().TryLoginAsync(locked, Accounts.Password)),
            await ShapeAsync(await factory.Anonymous().TryLoginAsync(known, "wrong-password-123")),
            await ShapeAsync(await factory.Anonymous().TryLoginAsync("nobody.at.all@clinic.test", "wrong-password-123")),
        };

        shapes.Distinct().Should().ContainSingle();
        shapes[0].Should().Contain("401").And.Contain("The email or password is incorrect, or the account is locked.");
    }

    [Fact]
    public async Task Login_FourFailuresThenTheRightPassword_SignsIn_AndForgetsTheFailures()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        for (var i = 0; i < 4; i++) await factory.Anonymous().TryLoginAsync(email, "wrong-password-123");

        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 4; i++) await factory.Anonymous().TryLoginAsync(email, "wrong-password-123");
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK,
            "a success starts the count again");
    }

    /// <summary>Status, headers that matter and the body without its per-request ids.</summary>
    private static async Task<string> ShapeAsync(HttpResponseMessage response)
    {
        var body = await response.JsonAsync();
        body.AsObject().Remove("correlationId");
        body.AsObject().Remove("traceId");
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Content-Length"))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}").Order(StringComparer.Ordinal);
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{body.ToJsonString()}";
    }

    private async Task<List<string>> LoginDenialsAsync(Guid userId)
    {
        var trail = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?userId={userId}&action=auth.login&pageSize=100");
        return trail["items"]!.AsArray().Where(e => e!["outcome"]!.GetValue<string>() == "denied")
            .Select(e => e!["detail"]!.GetValue<string>()).ToList();
    }
}
