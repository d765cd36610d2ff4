using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Couples;

/// <summary>
/// Another therapist and every client get 404 on every caseload route, and each refusal is audited.
/// </summary>
public sealed class CaseloadPrivacyTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> Routes(JsonNode couple, JsonNode session) =>
    [
        (HttpMethod.Get, $"/api/couples/{couple.Id()}", null),
        (HttpMethod.Patch, $"/api/couples/{couple.Id()}", new { version = couple["version"]!.GetValue<uint>(), goals = "x" }),
        (HttpMethod.Post, $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation", null),
        (HttpMethod.Get, $"/api/couples/{couple.Id()}/sessions", null),
        (HttpMethod.Post, $"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple)),
        (HttpMethod.Get, $"/api/sessions/{session.Id()}", null),
        (HttpMethod.Put, $"/api/sessions/{session.Id()}", WithVersion(Caseload.SessionUpdate(couple), session)),
        (HttpMethod.Post, $"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() }),
        (HttpMethod.Post, $"/api/sessions/{session.Id()}/amendments", new { text = "x" }),
    ];

    [Fact]
    public async Task AnotherTherapist_Gets404OnEveryCaseloadRoute_AndNothingChanges()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var session = await owner.CreateSessionAsync(couple);
        var intruder = await factory.SignedInTherapistAsync();

        foreach (var (method, url, body) in Routes(couple, session))
            (await intruder.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");

        var after = await owner.GetJsonAsync($"/api/sessions/{session.Id()}");
        after["version"]!.GetValue<uint>().Should().Be(session["version"]!.GetValue<uint>());
        (await owner.GetJsonAsync($"/api/couples/{couple.Id()}/sessions"))["total"]!.GetValue<int>().Should().Be(1);
        (await intruder.GetJsonAsync("/api/couples"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task AClientOfTheCouple_IsRefusedOnEveryTherapistRoute()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var session = await owner.CreateSessionAsync(couple);
        var client = await owner.SignedInPartnerAsync(couple, 0);

        foreach (var (method, url, body) in Routes(couple, session))
            (await client.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden,
                $"clients may never call {method} {url}");
        (await client.GetAsync("/api/couples")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RefusedAccess_IsAuditedAsDenied()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var intruder = await factory.SignedInTherapistAsync();
        await intruder.GetAsync($"/api/couples/{couple.Id()}");

        var audit = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?userId={intruder.UserId}");

        audit["items"]!.AsArray().Should().Contain(e => e!["outcome"]!.GetValue<string>() == "denied"
                                                         && e["resourceId"]!.GetValue<string>() == couple.Id().ToString());
    }

    private static JsonNode WithVersion(object body, JsonNode session)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!;
        node["version"] = session["version"]!.GetValue<uint>();
        return node;
    }
}
