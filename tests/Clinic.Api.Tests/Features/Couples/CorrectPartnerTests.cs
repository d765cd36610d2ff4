using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Domain.Users;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Couples;

public sealed class CorrectPartnerTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static string Url(JsonNode couple, int partner) => $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(partner)}";
    private static uint Version(JsonNode couple, int partner) => couple["partners"]![partner]!["version"]!.GetValue<uint>();

    [Fact]
    public async Task CorrectPartner_FixesNamesPronounsAndEmail_AndTheCoupleNameFollows()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Alx", "Sam");
        var email = $"alex.{Guid.NewGuid():N}@example.test";

        var corrected = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0),
            new { version = Version(couple, 0), firstName = "Alex", pronouns = "they/them", email = email.ToUpperInvariant() });
        var read = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");

        corrected["firstName"]!.GetValue<string>().Should().Be("Alex");
        corrected["email"]!.GetValue<string>().Should().Be(email);
        read["displayName"]!.GetValue<string>().Should().Be("Alex & Sam");
        read["partners"]![0]!["pronouns"]!.GetValue<string>().Should().Be("they/them");
        read["partners"]![0]!["lastName"]!.GetValue<string>().Should().Be("Reed", "a field left out stays as it was");
        read["partners"]![0]!["email"]!.GetValue<string>().Should().Be(email);
        var trail = (await factory.AuditAsync(couple, "partner.correct"))["items"]!.AsArray();
        trail.Should().ContainSingle();
        trail[0]!["detail"]!.GetValue<string>().Should().Be("changed: firstName, pronouns, email");
    }

    [Fact]
    public async Task CorrectPartner_WithAStaleVersion_Returns409AndKeepsTheFirstCorrection()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var first = await therapist.PatchAsync(Url(couple, 1), new { version = Version(couple, 1), lastName = "Reid" });
        var second = await therapist.PatchAsync(Url(couple, 1), new { version = Version(couple, 1), lastName = "Read" });
        var noVersion = await therapist.PatchAsync(Url(couple, 1), new { lastName = "Reed" });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await noVersion.ErrorFieldsAsync()).Should().Equal("version");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["partners"]![1]!["lastName"]!.GetValue<string>().Should().Be("Reid");
    }

    [Fact]
    public async Task CorrectPartner_ToAnEmailOnMyCaseload_Is400NamingEmail_ButOnAnotherCaseload_AnswersAsAnUnusedOne()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var mine = await therapist.CreateCoupleAsync("Kim", "Lee");
        var other = await therapist.CreateCoupleAsync("Ola", "Per");
        var elsewhere = await (await factory.SignedInTherapistAsync()).CreateCoupleAsync("Rui", "Tia");
        var onMyCaseload = mine["partners"]![0]!["email"]!.GetValue<string>();
        var onAnotherCaseload = elsewhere["partners"]![0]!["email"]!.GetValue<string>();

        var clash = await therapist.PatchAsync(Url(couple, 0), new { version = Version(couple, 0), email = " " + onMyCaseload.ToUpperInvariant() });
        var invalid = await therapist.PatchAsync(Url(couple, 0), new { version = Version(couple, 0), email = "not-an-email", firstName = "" });
        // Issue 26: another caseload's client's address answers exactly as an unused one.
        var theirs = await therapist.PatchAsync(Url(couple, 0), new { version = Version(couple, 0), email = onAnotherCaseload });
        var unused = await therapist.PatchAsync(Url(other, 0), new { version = Version(other, 0), email = $"fresh.{Guid.NewGuid():N}@example.test" });

        (await clash.ErrorFieldsAsync()).Should().Equal("email");
        (await invalid.ErrorFieldsAsync()).Should().BeEquivalentTo("email", "firstName");
        theirs.StatusCode.Should().Be(HttpStatusCode.OK).And.Be(unused.StatusCode);
        (await theirs.JsonAsync()).AsObject().Select(p => p.Key).Should().Equal((await unused.JsonAsync()).AsObject().Select(p => p.Key));
        (await theirs.JsonAsync())["email"]!.GetValue<string>().Should().Be(onAnotherCaseload);
    }

    [Fact]
    // Another caseload's couple is 404; a partner of another couple, on the caller's own couple, is the one
    // "this partner belongs to this couple" answer: 400 naming partnerId (CoupleRulesTests).
    public async Task CorrectPartner_OfAnotherTherapistsCouple_Returns404_AndAPartnerOfAnotherCouple_Returns400NamingPartnerId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var mine = await therapist.CreateCoupleAsync("Kit", "Max");
        var other = await factory.SignedInTherapistAsync();

        var foreign = await other.PatchAsync(Url(couple, 0), new { version = Version(couple, 0), firstName = "Mallory" });
        var mismatched = await therapist.PatchAsync($"/api/couples/{mine.Id()}/partners/{couple.PartnerId(0)}",
            new { version = Version(couple, 0), firstName = "Mallory" });

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        mismatched.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await mismatched.ErrorFieldsAsync()).Should().Equal("partnerId");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["partners"]![0]!["firstName"]!.GetValue<string>().Should().Be("Alex");
    }

    [Fact]
    public async Task CorrectPartner_WithAPortalAccount_KeepsTheSignIn_UntilTheLinkIsFollowed_WhateverTheNewAddress()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");
        await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.SignedInPartnerAsync(other, 0);
        var oldEmail = couple["partners"]![0]!["email"]!.GetValue<string>();
        var (_, staffEmail) = await factory.CreateTherapistAsync();
        var unused = $"alex.fixed.{Guid.NewGuid():N}@example.test";

        // Issue 26: an address that already signs in to Clinic answers exactly as an unused one.
        var toStaff = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0),
            new { version = Version(await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"), 0), email = staffEmail });
        var toUnused = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(other, 0),
            new { version = Version(await therapist.GetJsonAsync($"/api/couples/{other.Id()}"), 0), email = unused });

        toStaff["pendingEmail"]!.GetValue<string>().Should().Be(staffEmail);
        toUnused["pendingEmail"]!.GetValue<string>().Should().Be(unused);
        toStaff.AsObject().Select(p => p.Key).Should().Equal(toUnused.AsObject().Select(p => p.Key));
        toStaff["email"]!.GetValue<string>().Should().Be(oldEmail, "the sign-in moves only when the partner follows the link");
        (await factory.Anonymous().TryLoginAsync(oldEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.Anonymous().TryLoginAsync(unused, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.AuditAsync(couple, "partner.sign_in_email_change_requested"))["items"]!.AsArray().Should().ContainSingle();
    }

    private string Invite(JsonNode couple, int partner) => $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(partner)}/invitation";

    private Task<HttpResponseMessage> AcceptAsync(string token) =>
        factory.Anonymous().PostAsync("/api/auth/invitations/accept", new { token, password = Accounts.Password });

    [Fact]
    // Whoever reads the mistyped mailbox holds a link to the couple's portal: the correction ends it, and the
    // link answers as any expired link does (no "replaced", which would hint that a newer link exists).
    public async Task CorrectPartner_Email_EndsThePendingInvitation_SoTheOldLinkFailsLikeAnExpiredOne_AndCreatesNoAccount()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var oldEmail = couple["partners"]![0]!["email"]!.GetValue<string>();
        var newEmail = $"alex.fixed.{Guid.NewGuid():N}@example.test";
        var old = (await therapist.PostJsonAsync(Invite(couple, 0), null))["invitationToken"]!.GetValue<string>();
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        current["partners"]![0]!["portalStatus"]!.GetValue<string>().Should().Be("invited");

        var corrected = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0),
            new { version = Version(current, 0), email = newEmail });
        var accept = await AcceptAsync(old);

        corrected["portalStatus"]!.GetValue<string>().Should().Be("none");
        accept.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refused = (await accept.JsonAsync())["errors"]!.ToJsonString();
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["partners"]![0]!["portalStatus"]!.GetValue<string>()
            .Should().Be("none", "no account was made from the old link");
        (await factory.Anonymous().TryLoginAsync(oldEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Anonymous().TryLoginAsync(newEmail, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM invitations WHERE partner_id = '{couple.PartnerId(0)}'"))
            .Should().Be(1, "the ended invitation is kept, not deleted");
        (await factory.ScalarAsync<string>($"SELECT status FROM outbox_messages WHERE partner_id = '{couple.PartnerId(0)}' AND kind = 'portal_invitation'"))
            .Should().Be("cancelled", "the link's email, not yet sent, does not go to the old address");
        var trail = (await factory.AuditAsync(couple, "partner.correct"))["items"]!.AsArray();
        trail.Should().ContainSingle();
        trail[0]!["detail"]!.GetValue<string>().Should().Be("changed: email; pending invitation ended");

        // The same answer, word for word, as a link whose 72 hours ran out (the clock moves last: nothing above depends on it).
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");
        var lapsed = (await therapist.PostJsonAsync(Invite(other, 0), null))["invitationToken"]!.GetValue<string>();
        factory.Clock.Advance(Invitation.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await AcceptAsync(lapsed);
        expired.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Should().Be((await expired.JsonAsync())["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task CorrectPartner_Email_ThenANewInvitation_GoesToTheNewAddress_AndItsLinkOpensThePortal()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var newEmail = $"alex.fixed.{Guid.NewGuid():N}@example.test";
        await therapist.PostJsonAsync(Invite(couple, 0), null);
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0), new { version = Version(current, 0), email = newEmail });

        var fresh = (await therapist.PostJsonAsync(Invite(couple, 0), null))["invitationToken"]!.GetValue<string>();
        var accepted = await AcceptAsync(fresh);

        (await factory.ScalarAsync<string>($"SELECT recipient FROM outbox_messages WHERE partner_id = '{couple.PartnerId(0)}' AND kind = 'portal_invitation' AND status = 'pending'"))
            .Should().Be(newEmail);
        accepted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var alex = await factory.SignInAsync(newEmail, Accounts.Password);
        (await alex.GetJsonAsync("/api/portal/me"))["firstName"]!.GetValue<string>().Should().Be("Alex");
    }

    [Fact]
    public async Task CorrectPartner_NameOnly_KeepsThePendingInvitationValid()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Alx", "Sam");
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        var token = (await therapist.PostJsonAsync(Invite(couple, 0), null))["invitationToken"]!.GetValue<string>();
        var current = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");

        var corrected = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Url(couple, 0),
            new { version = Version(current, 0), firstName = "Alex", email = email.ToUpperInvariant() });
        var accepted = await AcceptAsync(token);

        corrected["portalStatus"]!.GetValue<string>().Should().Be("invited");
        accepted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await factory.SignInAsync(email, Accounts.Password)).GetJsonAsync("/api/portal/me"))["firstName"]!.GetValue<string>().Should().Be("Alex");
        (await factory.AuditAsync(couple, "partner.correct"))["items"]![0]!["detail"]!.GetValue<string>().Should().Be("changed: firstName");
    }
}
