using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Couples;

public sealed class InvitationTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task AcceptedPartnerInvitation_CreatesAClientAccountTiedToThePartner()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var partner = await therapist.SignedInPartnerAsync(couple, 0);

        partner.User!["role"]!.GetValue<string>().Should().Be("client");
        var read = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        read["partners"]![0]!["portalStatus"]!.GetValue<string>().Should().Be("active");
        read["partners"]![1]!["portalStatus"]!.GetValue<string>().Should().Be("none");
    }

    [Fact]
    public async Task Reinviting_RevokesThePreviousLink()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(1)}/invitation";
        var first = await therapist.PostJsonAsync(url, null);
        var second = await therapist.PostJsonAsync(url, null);

        var old = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = first["invitationToken"]!.GetValue<string>(), password = Accounts.Password });
        var latest = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = second["invitationToken"]!.GetValue<string>(), password = Accounts.Password });

        (await old.JsonAsync())["errors"]!["token"]![0]!.GetValue<string>().Should().Contain("replaced");
        latest.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task PartnerInvitation_After72Hours_IsRefusedAsExpired()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var invitation = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation", null);
        factory.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));

        var response = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = invitation["invitationToken"]!.GetValue<string>(), password = Accounts.Password });

        (await response.JsonAsync())["errors"]!["token"]![0]!.GetValue<string>().Should().Contain("expired");
    }

    [Fact]
    public async Task UnknownInvitationToken_Returns400SayingItIsNotValid()
    {
        var response = await factory.Anonymous().PostAsync("/api/auth/invitations/accept",
            new { token = "no-such-token", password = Accounts.Password });

        (await response.JsonAsync())["errors"]!["token"]![0]!.GetValue<string>().Should().Contain("not valid");
    }

    [Fact]
    // "This partner belongs to this couple" answers 400 naming partnerId wherever the id is sent (route or body):
    // the couple is the caller's, and the answer is the same whether the id exists elsewhere or not at all.
    public async Task InvitingAPartnerOfAnotherCouple_Returns400NamingPartnerId_LikeAnUnknownId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var mine = await therapist.CreateCoupleAsync();
        var theirs = await (await factory.SignedInTherapistAsync()).CreateCoupleAsync();

        var response = await therapist.PostAsync($"/api/couples/{mine.Id()}/partners/{theirs.PartnerId(0)}/invitation");
        var unknown = await therapist.PostAsync($"/api/couples/{mine.Id()}/partners/{Guid.NewGuid()}/invitation");

        response.StatusCode.Should().NotBe(HttpStatusCode.Created);
        (await response.ErrorFieldsAsync()).Should().Equal("partnerId");
        (await unknown.ErrorFieldsAsync()).Should().Equal("partnerId");
        (await response.JsonAsync())["errors"]!.ToJsonString().Should().Be((await unknown.JsonAsync())["errors"]!.ToJsonString());
    }
}
