using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Features.Drafts;

/// <summary>
/// An unsaved session note is kept on the server for its author (per session being edited, seven
/// days), offered back after signing in on any device, and never written to the audit trail.
/// </summary>
public sealed class SessionDraftTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ADraftKeptOnOneDevice_IsOfferedAfterSigningInOnAnother_AndSavingAgainReplacesIt()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var laptop = await factory.SignInAsync(email, Accounts.Password);
        var couple = await laptop.CreateCoupleAsync();

        var first = await laptop.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { coupleId = couple.Id(), note = "Named the cycle." });
        await laptop.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { coupleId = couple.Id(), note = "Named the cycle; Sam softened." });
        await laptop.PostAsync("/api/auth/logout");
        var phone = await factory.SignInAsync(email, Accounts.Password);
        var drafts = (await phone.GetJsonAsync("/api/me/session-drafts")).AsArray();

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        drafts.Should().ContainSingle();
        drafts[0]!["note"]!.GetValue<string>().Should().Be("Named the cycle; Sam softened.");
        drafts[0]!["coupleId"]!.GetValue<string>().Should().Be(couple.Id().ToString());
        drafts[0]!["coupleName"]!.GetValue<string>().Should().Be("Alex & Sam");
        drafts[0]!["sessionId"].Should().BeNull();
        (drafts[0]!["expiresAt"]!.GetValue<DateTimeOffset>() - drafts[0]!["savedAt"]!.GetValue<DateTimeOffset>())
            .Should().Be(TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Drafts_AreKeptPerSessionBeingEdited_AndPerTherapist()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);
        var other = await factory.SignedInTherapistAsync();

        await therapist.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { coupleId = couple.Id(), note = "For a new session." });
        await therapist.SendAsync(HttpMethod.Put, "/api/me/session-drafts",
            new { coupleId = couple.Id(), sessionId = session.Id(), note = "Revising the recorded one." });
        var mine = (await therapist.GetJsonAsync("/api/me/session-drafts")).AsArray();
        var theirs = (await other.GetJsonAsync("/api/me/session-drafts")).AsArray();
        var intoAnotherCaseload = await other.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { coupleId = couple.Id(), note = "x" });
        var discardOthers = await other.DeleteAsync($"/api/me/session-drafts/{mine[0]!["id"]!.GetValue<string>()}");

        mine.Select(d => d!["note"]!.GetValue<string>()).Should().BeEquivalentTo("For a new session.", "Revising the recorded one.");
        theirs.Should().BeEmpty();
        intoAnotherCaseload.StatusCode.Should().Be(HttpStatusCode.NotFound);
        discardOthers.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await therapist.GetJsonAsync("/api/me/session-drafts")).AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task ADraft_LapsesAfterSevenDays_AndCanBeDiscarded()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var kept = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/session-drafts",
            new { coupleId = couple.Id(), note = "Kept for a week." });
        var other = await therapist.CreateCoupleAsync("Jo", "Kim");
        var discarded = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/session-drafts",
            new { coupleId = other.Id(), note = "Not wanted." });

        (await therapist.DeleteAsync($"/api/me/session-drafts/{discarded.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await therapist.GetJsonAsync("/api/me/session-drafts")).AsArray().Should().ContainSingle(d => d!["id"]!.GetValue<string>() == kept.Id().ToString());
        var email = (await therapist.GetJsonAsync("/api/me"))["email"]!.GetValue<string>();
        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var aWeekLater = await factory.SignInAsync(email, Accounts.Password);
        (await aWeekLater.GetJsonAsync("/api/me/session-drafts")).AsArray().Should().BeEmpty("seven days after its last save it lapses");
    }

    [Fact]
    public async Task ADraftsText_NeverReachesTheAuditTrail_ThoughEverySaveReadAndDiscardIsOnIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        const string note = "Sam disclosed something private about the affair.";

        var draft = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/session-drafts", new { coupleId = couple.Id(), note });
        await therapist.GetJsonAsync("/api/me/session-drafts");
        await therapist.DeleteAsync($"/api/me/session-drafts/{draft.Id()}");

        var trail = await (await factory.AdminAsync()).GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}&pageSize=100");
        trail["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should()
            .Contain(["session_draft.save", "session_draft.read", "session_draft.discard"]);
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events WHERE (audit_events::text) LIKE '%affair%'", connection);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
        var csv = await (await factory.AdminAsync()).GetAsync("/api/admin/audit.csv");
        (await csv.Content.ReadAsStringAsync()).Should().NotContain("affair");
    }

    [Fact]
    public async Task SavingADraft_NamesWhatIsMissing()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var noCouple = await therapist.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { note = "x" });
        var noNote = await therapist.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { coupleId = Guid.NewGuid(), note = "" });

        (await noCouple.ErrorFieldsAsync()).Should().Equal("coupleId");
        (await noNote.ErrorFieldsAsync()).Should().Equal("note");
    }

}
