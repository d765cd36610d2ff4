using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Couples;

/// <summary>
/// Partner emails do not leak across caseloads, and closing a couple shuts its portal (its data stays).
/// </summary>
public sealed class PortalClosureTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ClosingACouple_EndsThePartnersPortalAccess_SignInSaysSo_AndTheDataStays()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var assignment = await therapist.AssignAsync(couple);
        var partner = await therapist.SignedInPartnerAsync(couple, 0);
        var entry = await partner.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()));
        entry.StatusCode.Should().Be(HttpStatusCode.Created);
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();

        await therapist.CloseCoupleAsync(await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"));

        (await partner.GetAsync("/api/portal/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the open session ended");
        (await partner.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var rightPassword = await factory.Anonymous().TryLoginAsync(email, Accounts.Password);
        rightPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = await rightPassword.JsonAsync();
        problem["portalClosed"]!.GetValue<bool>().Should().BeTrue();
        problem["detail"]!.GetValue<string>().Should().Contain("closed this portal");
        var wrongPassword = await factory.Anonymous().TryLoginAsync(email, "not-the-password-123");
        (await wrongPassword.JsonAsync())["portalClosed"].Should().BeNull("only the account's owner learns why");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["status"]!.GetValue<string>().Should().Be("closed");
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(1, "closing archives; nothing is deleted");
    }

    [Fact]
    public async Task ClosingACouple_LeavesOtherCouplesPortalsOpen()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var closing = await therapist.CreateCoupleAsync();
        var staying = await therapist.CreateCoupleAsync("Jo", "Kim");
        var other = await therapist.SignedInPartnerAsync(staying, 1);

        await therapist.CloseCoupleAsync(closing);

        (await other.GetAsync("/api/portal/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateCouple_WithAnEmailOnAnotherTherapistsCaseload_IsAccepted_WithoutSayingItExists()
    {
        var first = await factory.SignedInTherapistAsync();
        var theirs = await first.CreateCoupleAsync();
        var email = theirs["partners"]![0]!["email"]!.GetValue<string>();
        var second = await factory.SignedInTherapistAsync();

        var response = await second.PostAsync("/api/couples", new
        {
            partners = new[]
            {
                new { firstName = "Mo", lastName = "Ray", email = email.ToUpperInvariant(), pronouns = "" },
                new { firstName = "Lu", lastName = "Ray", email = $"lu.{Guid.NewGuid():N}@example.test", pronouns = "" },
            },
            presentingConcerns = "", goals = "", startedOn = "2026-11-02",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created, "another caseload's client must not be revealed");
        (await response.Content.ReadAsStringAsync()).Should().NotContainAny("already", "practice", "duplicate");
    }

    [Fact]
    public async Task AcceptingAnInvitation_ForAnEmailThatAlreadyHasAnAccount_IsRefused_AndLeftToTheAdmin()
    {
        var first = await factory.SignedInTherapistAsync();
        var theirs = await first.CreateCoupleAsync();
        await first.SignedInPartnerAsync(theirs, 0);
        var email = theirs["partners"]![0]!["email"]!.GetValue<string>();
        var second = await factory.SignedInTherapistAsync();
        var mine = await second.PostJsonAsync("/api/couples", new
        {
            partners = new[]
            {
                new { firstName = "Mo", lastName = "Ray", email, pronouns = "" },
                new { firstName = "Lu", lastName = "Ray", email = $"lu.{Guid.NewGuid():N}@example.test", pronouns = "" },
            },
            presentingConcerns = "", goals = "", startedOn = "2026-11-02",
        });
        var invitation = await second.PostJsonAsync($"/api/couples/{mine.Id()}/partners/{mine.PartnerId(0)}/invitation", null);

        var accept = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = invitation["invitationToken"]!.GetValue<string>(), password = "another-long-password" });

        (await accept.ErrorFieldsAsync()).Should().Equal("token");
        (await accept.Content.ReadAsStringAsync()).Should().Contain("contact the practice").And.NotContain(email);
        var trail = await (await factory.AdminAsync()).GetJsonAsync("/api/admin/audit?action=auth.invitation_accept&pageSize=100");
        trail["items"]!.AsArray().Should().Contain(e => e!["detail"]!.GetValue<string>() == "email_in_use");
        (await factory.Anonymous().TryLoginAsync(email, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.OK,
            "the existing account is untouched");
    }
}
