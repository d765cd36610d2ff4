using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Features.Safety;

/// <summary>
/// DESIGN §4a: a partner's portal never reveals the other partner's check-in, its answers or a
/// flag — not in lists, counts, timestamps, errors or response sizes. Therapist routes are the
/// owning therapist's alone.
/// </summary>
public sealed class SafetyPrivacyTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task OtherPartner_ProbingEveryPortalRoute_SeesExactlyTheSameBeforeAndAfterTheirPartnersCheckInAndFlag()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var answering = await therapist.SignedInPartnerAsync(couple, 0);
        var prober = await therapist.SignedInPartnerAsync(couple, 1);
        var partnersCheck = await therapist.PendingCheckIdAsync(couple, 0);

        // Before: the partner's intake check-in is pending, nothing answered.
        var before = await ProbeAsync(prober, partnersCheck, Guid.Empty);

        // After: the partner answered and raised a flag, the therapist asked again, paused joint
        // sessions, and the flag exists with an id the prober might guess.
        var flag = await therapist.RaiseFlagAsync(couple, answering);
        var second = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(0) });
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true, violence: "coercive_control_suspected"));
        var afterFlag = await ProbeAsync(prober, partnersCheck, flag.Id());
        var afterSecond = await ProbeAsync(prober, second.Id(), flag.Id());

        afterFlag.Should().Equal(before);
        afterSecond.Should().Equal(before);
        (await therapist.SafetyAsync(couple))["checks"]!.AsArray().Should().HaveCount(3, "nothing the prober sent may have changed anything");
    }

    [Fact]
    public async Task OtherPartnersCheckIn_AnswersExactlyLikeAnIdThatDoesNotExist()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var prober = await therapist.SignedInPartnerAsync(couple, 1);
        var partnersCheck = await therapist.PendingCheckIdAsync(couple, 0);
        var body = new { answers = SafetyBuilders.SafeAnswers() };

        var theirs = await Snapshot.OfAsync(await prober.PostAsync($"/api/portal/check-ins/{partnersCheck}", body));
        var nobodys = await Snapshot.OfAsync(await prober.PostAsync($"/api/portal/check-ins/{Guid.NewGuid()}", body));

        theirs.Status.Should().Be(404);
        theirs.Should().Be(nobodys);
        (await therapist.PendingCheckIdAsync(couple, 0)).Should().Be(partnersCheck, "the partner's check-in is still pending");
    }

    [Fact]
    public async Task AnswerCheckIn_ResponseIsByteIdentical_WhetherOrNotItRaisesAFlag()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var safe = await therapist.SignedInPartnerAsync(couple, 0);
        var unsafeClient = await therapist.SignedInPartnerAsync(couple, 1);

        var noFlag = await safe.PostAsync($"/api/portal/check-ins/{await safe.MyPendingCheckInIdAsync()}",
            new { answers = SafetyBuilders.SafeAnswers("fine") });
        var flagged = await unsafeClient.PostAsync($"/api/portal/check-ins/{await unsafeClient.MyPendingCheckInIdAsync()}",
            new { answers = SafetyBuilders.AnswersWith("hurtThreatenedFrightened", "often") });

        var a = await Snapshot.OfAsync(noFlag);
        var b = await Snapshot.OfAsync(flagged);
        a.Status.Should().Be(200);
        b.Should().Be(a);
        // Where to get help now, after every check-in: whoever watches the screen learns nothing from it.
        (await noFlag.JsonAsync())["crisisResources"]!["html"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        (await therapist.SafetyAsync(couple))["flags"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task ClientResponses_NeverMentionChecksFlagsOrRisk()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var other = await therapist.SignedInPartnerAsync(couple, 1);
        await therapist.RaiseFlagAsync(couple, client);
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true, planNotes: "Safety plan agreed."));

        foreach (var who in new[] { client, other })
            foreach (var url in PortalGetRoutes(factory).Append("/api/me"))
            {
                var response = await who.GetAsync(url);
                var text = await response.Content.ReadAsStringAsync();
                text.Should().NotContainAny(["safety", "flag", "risk", "violence", "paused", "Safety plan", "speak openly", "coercive", "resolution"], url);
            }
    }

    [Fact]
    public async Task AnotherTherapist_Gets404OnEverySafetyRoute_AndNothingChanges()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var flag = await owner.RaiseFlagAsync(couple, await owner.SignedInPartnerAsync(couple, 0));
        var intruder = await factory.SignedInTherapistAsync();

        foreach (var (method, url, body) in TherapistRoutes(couple, flag))
            (await intruder.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");

        var safety = await owner.SafetyAsync(couple);
        safety["flags"]![0]!["status"]!.GetValue<string>().Should().Be("open");
        safety["checks"]!.AsArray().Should().HaveCount(2);
        safety["riskRecords"]!.AsArray().Should().OnlyContain(r => !r!["recorded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ClientsOfTheCouple_Get403OnEveryTherapistSafetyRoute()
    {
        var owner = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var client = await owner.SignedInPartnerAsync(couple, 0);
        var flag = await owner.RaiseFlagAsync(couple, client);
        var other = await owner.SignedInPartnerAsync(couple, 1);

        foreach (var who in new[] { client, other })
            foreach (var (method, url, body) in TherapistRoutes(couple, flag))
                (await who.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url}");
    }

    [Fact]
    public async Task Therapists_Get403OnThePortalCheckIns()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var check = await therapist.PendingCheckIdAsync(couple, 0);

        (await therapist.GetAsync("/api/portal/check-ins")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await therapist.PostAsync($"/api/portal/check-ins/{check}", new { answers = SafetyBuilders.SafeAnswers() }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Anonymous().GetAsync("/api/portal/check-ins")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> TherapistRoutes(JsonNode couple, JsonNode flag) =>
    [
        (HttpMethod.Post, $"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(0) }),
        (HttpMethod.Get, $"/api/couples/{couple.Id()}/safety", null),
        (HttpMethod.Put, $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/risk-record", SafetyBuilders.RiskRecord(paused: true)),
        (HttpMethod.Post, $"/api/safety-flags/{flag.Id()}/resolve", new { note = "Not mine to resolve." }),
    ];

    /// <summary>Every parameterless GET under /api/portal, as mapped now (homework, questionnaires… as they land).</summary>
    private static IEnumerable<string> PortalGetRoutes(ClinicApiFactory factory) =>
        PortalEndpoints(factory).Where(e => e.Method == "GET" && !e.Pattern.Contains('{')).Select(e => e.Pattern);

    private static IEnumerable<(string Method, string Pattern)> PortalEndpoints(ClinicApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimEnd('/').StartsWith("/api/portal", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Distinct().OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal);

    /// <summary>
    /// Calls every portal route as the prober: each GET as is, and every route with an id aimed at
    /// the partner's check-in and flag ids (and, for the check-in answer, with a valid body).
    /// </summary>
    private async Task<List<Snapshot>> ProbeAsync(ApiClient prober, Guid partnersCheck, Guid flagId)
    {
        var snapshots = new List<Snapshot>();
        foreach (var (method, pattern) in PortalEndpoints(factory))
        {
            var targets = pattern.Contains('{') ? new[] { partnersCheck, flagId } : [Guid.Empty];
            foreach (var target in targets)
            {
                var url = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", target.ToString());
                object? body = method is "GET" or "DELETE" ? null
                    : pattern == "/api/portal/check-ins/{id:guid}" ? new { answers = SafetyBuilders.AnswersWith("safeAtHome", "no") }
                    : new { };
                // The ids differ between rounds; what must not differ is how the answers look.
                var snapshot = await Snapshot.OfAsync(await prober.SendAsync(new HttpMethod(method), url, body));
                snapshots.Add(snapshot with { Label = $"{method} {pattern}" });
            }
        }
        snapshots.Add((await Snapshot.OfAsync(await prober.GetAsync("/api/me"))) with { Label = "GET /api/me" });
        snapshots.Should().Contain(s => s.Label == "GET /api/portal/check-ins");
        return snapshots;
    }
}

/// <summary>What a client can observe of a response: status, body without per-request ids, and its size.</summary>
public sealed record Snapshot(int Status, string Body, long Length, string? ContentType, string Label = "")
{
    public static async Task<Snapshot> OfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // A partner's copy of their data is a ZIP: what they could observe is the JSON inside it.
        var text = ResponseJson.Text(bytes, mediaType);
        if (text.Length > 0 && JsonNode.Parse(text) is JsonObject json)
        {
            json.Remove("correlationId");
            json.Remove("traceId");
            json.Remove("generatedAt");
            text = json.ToJsonString();
        }
        // (its compressed size moves with the time it was made, so its size is the JSON's)
        var length = mediaType == "application/zip" ? System.Text.Encoding.UTF8.GetByteCount(text)
            : response.Content.Headers.ContentLength ?? bytes.LongLength;
        return new Snapshot((int)response.StatusCode, text, length,
            response.Content.Headers.ContentType?.ToString());
    }
}
