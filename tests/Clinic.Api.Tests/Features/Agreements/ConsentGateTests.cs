using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Agreements;

/// <summary>Issue 28 item 4: no session is recorded before both partners consented, unless a paper consent is confirmed (audited).</summary>
public sealed class ConsentGateTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static object Unconfirmed(JsonNode couple) => Caseload.SessionUpdate(couple);

    [Fact]
    public async Task RecordingASession_WithoutBothConsents_Is409NamingWhoseConsentIsMissing()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var consent = await therapist.SendAgreementAsync(couple);
        await a.SignedAsync(consent.Id(), couple.FullName(0));

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", Unconfirmed(couple));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.JsonAsync();
        problem["requiresConsentConfirmation"]!.GetValue<bool>().Should().BeTrue();
        problem["missingConsent"]!.AsArray().Select(m => m!["partnerId"]!.GetValue<Guid>()).Should().Equal(couple.PartnerId(1));
        problem.Text("detail").Should().Contain("Sam");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/sessions"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ConfirmingAPaperConsent_RecordsTheSession_AndTheConfirmationIsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var session = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Caseload.NewSession(couple));

        session.Id().Should().NotBeEmpty();
        var audit = (await factory.AuditAsync(couple, "session.create.consent_confirmed"))["items"]!.AsArray();
        audit.Should().ContainSingle().Which!["resourceId"]!.GetValue<Guid>().Should().Be(session.Id());
    }

    [Fact]
    public async Task OnceBothConsented_ElectronicallyOrOnPaper_NoConfirmationIsNeeded_AndNoneIsAudited()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var consent = await therapist.SendAgreementAsync(couple);
        await a.SignedAsync(consent.Id(), couple.FullName(0));
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/agreements/{consent.Id()}/paper",
            new { partnerId = couple.PartnerId(1), signedOn = factory.Today().Iso() }, HttpStatusCode.OK);

        var session = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/sessions", Unconfirmed(couple));
        var status = await therapist.AgreementsAsync(couple);

        session.Id().Should().NotBeEmpty();
        status["consent"]!["complete"]!.GetValue<bool>().Should().BeTrue();
        (await factory.AuditAsync(couple, "session.create.consent_confirmed"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AnotherKindSigned_DoesNotCountAsConsent_AndBookingStaysPossible()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var policy = await therapist.SendAgreementAsync(couple, "confidentiality_policy", "no_secrets");
        await a.SignedAsync(policy.Id(), couple.FullName(0));
        await b.SignedAsync(policy.Id(), couple.FullName(1));

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/sessions", Unconfirmed(couple));
        var booked = await therapist.BookAsync(couple, factory.Local(2));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        booked.Text("status").Should().Be("booked");
    }

    [Fact]
    public async Task TheCaseload_SaysConsentIsMissing_FromTheFirstBookedAppointment_UntilBothConsented()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var consent = await therapist.SendAgreementAsync(couple);
        await a.SignedAsync(consent.Id(), couple.FullName(0));
        string[] Codes(JsonNode row) => row["alerts"]!.AsArray().Select(x => x!.Text("code")).ToArray();

        var beforeBooking = await therapist.CaseloadRowAsync(couple);
        await therapist.BookAsync(couple, factory.Local(2));
        var booked = await therapist.CaseloadRowAsync(couple);
        var gate = (await therapist.AgreementsAsync(couple))["consent"]!;
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/agreements/{consent.Id()}/paper",
            new { partnerId = couple.PartnerId(1), signedOn = factory.Today().Iso() }, HttpStatusCode.OK);
        var consented = await therapist.CaseloadRowAsync(couple);

        Codes(beforeBooking).Should().NotContain("consent_missing");
        var alert = booked["alerts"]!.AsArray().Single(x => x!.Text("code") == "consent_missing")!;
        alert.Text("message").Should().Be("Consent missing from Sam: remind them, or record a consent signed on paper.");
        gate["missingPartnerIds"]!.AsArray().Select(x => x!.GetValue<Guid>()).Should().Equal(couple.PartnerId(1)); // one definition, two screens
        Codes(consented).Should().NotContain("consent_missing");
    }
}
