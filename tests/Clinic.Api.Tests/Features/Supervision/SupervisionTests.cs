using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Supervision;

/// <summary>Issue 34 items 1–2: supervision links, the supervisor's read-only access, co-signature, comments and the queue.</summary>
public sealed class SupervisionTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static uint Version(JsonNode node) => node["version"]!.GetValue<uint>();

    [Fact]
    public async Task Admin_GrantsTheCapability_AndLinksOnlyToASupervisor_WithBadInputNamed()
    {
        var admin = await factory.AdminAsync();
        var (traineeId, _) = await factory.CreateTherapistAsync();
        var (plainId, _) = await factory.CreateTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var today = factory.PracticeToday();

        var notASupervisor = await admin.PostAsync("/api/admin/supervision", new { superviseeId = traineeId, supervisorId = plainId, startsOn = today.Iso() });
        var self = await admin.PostAsync("/api/admin/supervision", new { superviseeId = supervisor.UserId, supervisorId = supervisor.UserId, startsOn = today.Iso() });
        var backwards = await admin.PostAsync("/api/admin/supervision",
            new { superviseeId = traineeId, supervisorId = supervisor.UserId, startsOn = today.Iso(), endsOn = today.AddDays(-1).Iso() });
        var link = await admin.PostJsonAsync("/api/admin/supervision",
            new { superviseeId = traineeId, supervisorId = supervisor.UserId, startsOn = today.AddDays(-7).Iso(), trainee = true });
        var overlapping = await admin.PostAsync("/api/admin/supervision",
            new { superviseeId = traineeId, supervisorId = supervisor.UserId, startsOn = today.Iso() });
        var ended = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/admin/supervision/{link.Id()}",
            new { version = Version(link), endsOn = today.Iso() });
        var stale = await admin.PatchAsync($"/api/admin/supervision/{link.Id()}", new { version = Version(link), trainee = false });
        var therapists = await admin.GetJsonAsync("/api/admin/therapists?pageSize=100");
        var links = await admin.GetJsonAsync("/api/admin/supervision?pageSize=100");

        (await notASupervisor.ErrorFieldsAsync()).Should().Equal("supervisorId");
        (await self.ErrorFieldsAsync()).Should().Equal("supervisorId");
        (await backwards.ErrorFieldsAsync()).Should().Equal("endsOn");
        link["trainee"]!.GetValue<bool>().Should().BeTrue();
        link["active"]!.GetValue<bool>().Should().BeTrue();
        link["supervisorName"]!.GetValue<string>().Should().Be("Ada Moss");
        overlapping.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ended["endsOn"]!.GetValue<string>().Should().Be(today.Iso());
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        therapists["items"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == supervisor.UserId)!["supervisor"]!.GetValue<bool>().Should().BeTrue();
        therapists["items"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == plainId)!["supervisor"]!.GetValue<bool>().Should().BeFalse();
        links["items"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()).Should().Contain(link.Id());
        (await admin.PatchAsync($"/api/admin/therapists/{plainId}", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PatchAsync($"/api/admin/therapists/{Guid.NewGuid()}", new { supervisor = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheSupervisorOfAnActiveLink_ReadsTheSuperviseesCouple_Audited_ButWritesNothing()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var couple = await trainee.CreateCoupleAsync();
        var session = await trainee.CreateSessionAsync(couple);
        var link = await factory.LinkAsync(trainee, supervisor);

        var read = await supervisor.GetJsonAsync($"/api/couples/{couple.Id()}");
        var list = await supervisor.GetJsonAsync($"/api/couples/{couple.Id()}/sessions");
        var one = await supervisor.GetJsonAsync($"/api/sessions/{session.Id()}");
        var supervised = await supervisor.GetJsonAsync("/api/supervision/couples");
        var ownCaseload = await supervisor.GetJsonAsync("/api/couples");

        read["displayName"]!.GetValue<string>().Should().Be(couple["displayName"]!.GetValue<string>());
        list["items"]!.AsArray().Should().ContainSingle();
        one["note"]!.GetValue<string>().Should().Be("Named the cycle together.");
        supervised.AsArray().Should().ContainSingle().Which!["linkId"]!.GetValue<Guid>().Should().Be(link.Id());
        ownCaseload["items"]!.AsArray().Should().BeEmpty();
        foreach (var action in new[] { "couple.read", "session.list", "session.read" })
        {
            var events = (await factory.AuditAsync(couple, action))["items"]!.AsArray();
            events.Single(e => e!["userId"]!.GetValue<Guid>() == supervisor.UserId)!["detail"]!.GetValue<string>()
                .Should().Be($"supervision link {link.Id()}", action);
        }

        // Every write is the therapist's alone: to the supervisor the record does not exist.
        var writes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Patch, $"/api/couples/{couple.Id()}", new { version = Version(read), goals = "Rewritten." }),
            (HttpMethod.Post, $"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple, "2026-11-16")),
            (HttpMethod.Put, $"/api/sessions/{session.Id()}", Caseload.SessionUpdate(couple) is var u ? Merge(u, Version(one)) : null),
            (HttpMethod.Post, $"/api/sessions/{session.Id()}/sign", new { version = Version(one) }),
            (HttpMethod.Post, $"/api/sessions/{session.Id()}/discuss-in-supervision", new { discuss = true }),
            (HttpMethod.Post, $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation", null),
            (HttpMethod.Post, $"/api/couples/{couple.Id()}/homework", HomeworkBuilders.NewAssignment(factory.Today(), factory.Today().AddDays(14))),
            (HttpMethod.Put, $"/api/couples/{couple.Id()}/cycle-map", CycleMapBuilders.Map(couple, 0)),
        };
        foreach (var (method, url, body) in writes)
            (await supervisor.SendAsync(method, url, body)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");
        (await trainee.GetJsonAsync($"/api/sessions/{session.Id()}"))["version"]!.GetValue<uint>().Should().Be(Version(one));
        (await trainee.GetJsonAsync($"/api/couples/{couple.Id()}"))["goals"]!.GetValue<string>().Should().Be("De-escalate the cycle.");
    }

    private static JsonObject Merge(object body, uint version)
    {
        var node = JsonSerializerNode(body);
        node["version"] = version;
        return node;
    }

    private static JsonObject JsonSerializerNode(object body) =>
        System.Text.Json.JsonSerializer.SerializeToNode(body, ApiClient.Json)!.AsObject();

    [Fact]
    public async Task AfterTheLinkEnds_OrWithoutALink_OrAsAdmin_TheCoupleIsNotThere()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var otherSupervisor = await factory.SignedInSupervisorAsync();
        var stranger = await factory.SignedInTherapistAsync();
        var admin = await factory.AdminAsync();
        var couple = await trainee.CreateCoupleAsync();
        var session = await trainee.SignedSessionAsync(couple);
        var link = await factory.LinkAsync(trainee, supervisor);
        var reads = new[]
        {
            $"/api/couples/{couple.Id()}", $"/api/couples/{couple.Id()}/sessions", $"/api/sessions/{session.Id()}",
            $"/api/sessions/{session.Id()}/supervision-comments",
        };
        foreach (var url in reads) (await supervisor.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, url);

        foreach (var url in reads)
        {
            (await otherSupervisor.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
            (await stranger.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
            (await admin.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        }
        (await stranger.PostAsync($"/api/sessions/{session.Id()}/cosign", new { version = Version(session) })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/api/supervision/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.GetJsonAsync("/api/supervision/queue")).AsArray().Should().BeEmpty();

        await factory.EndLinkAsync(link);

        foreach (var url in reads) (await supervisor.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
        (await supervisor.PostAsync($"/api/sessions/{session.Id()}/cosign", new { version = Version(session) })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await supervisor.PostAsync($"/api/sessions/{session.Id()}/supervision-comments", new { text = "Late." })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await supervisor.GetJsonAsync("/api/supervision/queue")).AsArray().Should().BeEmpty();
        (await supervisor.GetJsonAsync("/api/supervision/couples")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task WithdrawingTheCapability_EndsTheSupervisorsAccess()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var couple = await trainee.CreateCoupleAsync();
        await factory.LinkAsync(trainee, supervisor);
        (await supervisor.GetAsync($"/api/couples/{couple.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await factory.AdminAsync()).ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/admin/therapists/{supervisor.UserId}",
            new { supervisor = false });

        (await supervisor.GetAsync($"/api/couples/{couple.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATraineesSignedSession_AwaitsCosignature_OnlyTheLinkedSupervisorCosigns_FromTheVersionRead()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var otherSupervisor = await factory.SignedInSupervisorAsync();
        var couple = await trainee.CreateCoupleAsync();
        var unsigned = await trainee.CreateSessionAsync(couple, "2026-11-02");
        await factory.LinkAsync(trainee, supervisor);
        var signed = await trainee.SignedSessionAsync(couple, "2026-11-09");

        var cosignUnsigned = await supervisor.PostAsync($"/api/sessions/{unsigned.Id()}/cosign", new { version = Version(unsigned) });
        var byTrainee = await trainee.PostAsync($"/api/sessions/{signed.Id()}/cosign", new { version = Version(signed) });
        var byOther = await otherSupervisor.PostAsync($"/api/sessions/{signed.Id()}/cosign", new { version = Version(signed) });
        var noVersion = await supervisor.PostAsync($"/api/sessions/{signed.Id()}/cosign", new { });
        var stale = await supervisor.PostAsync($"/api/sessions/{signed.Id()}/cosign", new { version = Version(signed) + 1 });
        var cosigned = await supervisor.PostJsonAsync($"/api/sessions/{signed.Id()}/cosign", new { version = Version(signed) }, HttpStatusCode.OK);
        var twice = await supervisor.PostAsync($"/api/sessions/{signed.Id()}/cosign", new { version = Version(cosigned) });

        signed["coSignature"]!["status"]!.GetValue<string>().Should().Be("awaiting");
        unsigned["coSignature"].Should().BeNull();
        cosignUnsigned.StatusCode.Should().Be(HttpStatusCode.Conflict);
        byTrainee.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byOther.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await noVersion.ErrorFieldsAsync()).Should().Equal("version");
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        cosigned["coSignature"]!["status"]!.GetValue<string>().Should().Be("cosigned");
        cosigned["coSignature"]!["by"]!.GetValue<string>().Should().Be("Ada Moss");
        cosigned["coSignature"]!["byId"]!.GetValue<Guid>().Should().Be(supervisor.UserId);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var audit = (await factory.AuditAsync(couple, "session.cosign"))["items"]!.AsArray();
        audit.Should().ContainSingle().Which!["userId"]!.GetValue<Guid>().Should().Be(supervisor.UserId);
        // The trainee's PUT of a signed session stays refused; the GET's body carries the co-signature read-only.
        var read = await trainee.GetJsonAsync($"/api/sessions/{signed.Id()}");
        read["coSignature"]!["status"]!.GetValue<string>().Should().Be("cosigned");
    }

    [Fact]
    public async Task ASuperviseeWhoIsNotATrainee_SignsSessionsThatNeedNoCosignature()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var couple = await therapist.CreateCoupleAsync();
        await factory.LinkAsync(therapist, supervisor, trainee: false);

        var signed = await therapist.SignedSessionAsync(couple);
        var cosign = await supervisor.PostAsync($"/api/sessions/{signed.Id()}/cosign", new { version = Version(signed) });

        signed["coSignature"].Should().BeNull();
        cosign.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await supervisor.GetJsonAsync("/api/supervision/queue")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task TheQueue_ListsSessionsAwaitingCosignatureAndThoseFlagged_OldestFirst()
    {
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var couple = await trainee.CreateCoupleAsync();
        var link = await factory.LinkAsync(trainee, supervisor);
        var later = await trainee.SignedSessionAsync(couple, "2026-11-16");
        var earlier = await trainee.SignedSessionAsync(couple, "2026-11-09");
        var flagged = await trainee.CreateSessionAsync(couple, "2026-11-23");
        await trainee.PostJsonAsync($"/api/sessions/{flagged.Id()}/discuss-in-supervision", new { discuss = true }, HttpStatusCode.OK);

        var queue = (await supervisor.GetJsonAsync("/api/supervision/queue")).AsArray();
        await supervisor.PostJsonAsync($"/api/sessions/{earlier.Id()}/cosign", new { version = Version(earlier) }, HttpStatusCode.OK);
        var after = (await supervisor.GetJsonAsync("/api/supervision/queue")).AsArray();

        queue.Select(i => (i!["sessionId"]!.GetValue<Guid>(), i["awaitingCosignature"]!.GetValue<bool>(), i["discussInSupervision"]!.GetValue<bool>()))
            .Should().Equal((earlier.Id(), true, false), (later.Id(), true, false), (flagged.Id(), false, true));
        queue[0]!["linkId"]!.GetValue<Guid>().Should().Be(link.Id());
        queue[0]!["superviseeName"]!.GetValue<string>().Should().Be("Ada Moss");
        after.Select(i => i!["sessionId"]!.GetValue<Guid>()).Should().Equal(later.Id(), flagged.Id());
    }

    [Fact]
    public async Task Comments_AreSeenBySupervisorAndSupervisee_Only_NeverInTheSessionPortalOrRelease()
    {
        const string marker = "SUPERVISION-MARKER";
        var trainee = await factory.SignedInTherapistAsync();
        var supervisor = await factory.SignedInSupervisorAsync();
        var stranger = await factory.SignedInTherapistAsync();
        var couple = await trainee.CreateCoupleAsync();
        var (a, b) = await trainee.PartnersAsync(couple);
        await factory.LinkAsync(trainee, supervisor);
        var session = await trainee.SignedSessionAsync(couple, "2026-03-02");
        var url = $"/api/sessions/{session.Id()}/supervision-comments";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await supervisor.PostAsync(url, new { text = $"{marker}: slow down at step 2." }, key);
        var retried = await supervisor.PostAsync(url, new { text = $"{marker}: slow down at step 2." }, key);
        await trainee.PostJsonAsync(url, new { text = "Will do." });
        var empty = await supervisor.PostAsync(url, new { text = " " });
        var seenBySupervisee = (await trainee.GetJsonAsync(url)).AsArray();
        var seenBySupervisor = (await supervisor.GetJsonAsync(url)).AsArray();

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retried.StatusCode.Should().Be(HttpStatusCode.Created);
        (await empty.ErrorFieldsAsync()).Should().Equal("text");
        seenBySupervisee.Select(c => (c!["authorRole"]!.GetValue<string>(), c["text"]!.GetValue<string>()))
            .Should().Equal(("supervisor", $"{marker}: slow down at step 2."), ("supervisee", "Will do."));
        seenBySupervisor.Should().HaveCount(2);
        (await stranger.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.PostAsync(url, new { text = "Hello." })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Nowhere else: the session itself, the partners' portal, a release's export.
        (await (await trainee.GetAsync($"/api/sessions/{session.Id()}")).Content.ReadAsStringAsync()).Should().NotContain(marker);
        var portalReads = Security.EndpointInventory.Routes(factory)
            .Where(r => r.Method == "GET" && r.RawTemplate.StartsWith("/api/portal") && !r.RawTemplate.Contains('{')).Select(r => r.RawTemplate).ToList();
        portalReads.Should().Contain("/api/portal/me");
        foreach (var portalUrl in portalReads)
            foreach (var partner in new[] { a, b })
                (await (await partner.GetAsync(portalUrl)).Content.ReadAsStringAsync()).Should().NotContain(marker, portalUrl);
        var release = await trainee.PostJsonAsync($"/api/couples/{couple.Id()}/releases", new
        {
            recipient = "Dr Rivera, family doctor", purpose = "Coordinating care", includes = new[] { "sessions", "measures", "homework", "cycle_map" },
            from = "2026-01-01", to = "2026-12-31", expiresOn = factory.Today().AddDays(90).Iso(),
        });
        foreach (var (partner, index) in new[] { (a, 0), (b, 1) })
            (await partner.PostAsync($"/api/portal/releases/{release.Id()}/sign", new { typedName = couple.FullName(index), agreeToSignElectronically = true }))
                .StatusCode.Should().Be(HttpStatusCode.OK);
        var export = await trainee.GetAsync($"/api/couples/{couple.Id()}/releases/{release.Id()}/export?format=report");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        (await export.Content.ReadAsStringAsync()).Should().NotContain(marker);
    }
}
