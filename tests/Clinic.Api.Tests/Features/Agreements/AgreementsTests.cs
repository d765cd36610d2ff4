using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Agreements;

/// <summary>Issue 28 items 2, 3 and 9: agreements sent to a couple, signed in the portal or on paper, declined; privacy and audit.</summary>
public sealed class AgreementsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task SendConsent_IsPendingForBoth_AndTellsEachPartnerOnlyThatThereIsSomethingNew()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);

        var agreement = await therapist.SendAgreementAsync(couple);

        agreement.Text("kind").Should().Be("consent");
        agreement["partners"]!.AsArray().Select(p => p!.Text("status")).Should().Equal("pending", "pending");
        var mine = (await a.GetJsonAsync("/api/portal/agreements"))["items"]!.AsArray().Single()!;
        mine.Text("myStatus").Should().Be("pending");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE partner_id = '{couple.PartnerId(0)}' AND kind = 'portal_news'"))
            .Should().Be(1, "the same neutral notice as anything new in the portal");
    }

    [Fact]
    public async Task Sign_StoresTheTypedName_TheHashOfTheTextShown_AndWhereFrom_AndSigningAgainChangesNothing()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var agreement = await therapist.SendAgreementAsync(couple);
        var text = await a.GetJsonAsync($"/api/portal/agreements/{agreement.Id()}");

        var signed = await a.SignedAsync(agreement.Id(), "  ÁLEX   réed ");
        var again = await a.SignedAsync(agreement.Id(), "Alex Reed");

        text.Text("textSha256").Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Text("body")))));
        signed.Text("myStatus").Should().Be("signed");
        signed["mySignature"]!.Text("textSha256").Should().Be(text.Text("textSha256"));
        signed["mySignature"]!.Text("typedName").Should().Be("ÁLEX   réed", "the name is kept as typed");
        DateTimeOffset.Parse(again["mySignature"]!.Text("signedAt")).Should()
            .BeCloseTo(DateTimeOffset.Parse(signed["mySignature"]!.Text("signedAt")), TimeSpan.FromMilliseconds(1), "the first signature is returned");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM agreement_signatures WHERE agreement_id = '{agreement.Id()}'")).Should().Be(1);
        var row = (await therapist.AgreementsAsync(couple))["items"]![0]!["partners"]![0]!;
        row.Text("status").Should().Be("signed");
        row.Text("method").Should().Be("electronic");
        row.Text("textSha256").Should().Be(text.Text("textSha256"));
        row.Text("userAgent").Should().Be(AgreementBuilders.UserAgent);
        (await factory.AuditAsync(couple, "portal.agreement.sign"))["items"]!.AsArray().Should().ContainSingle();
        (await factory.AuditAsync(couple, "portal.agreement.sign_again"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Sign_WithSomeoneElsesName_Is400NamingTypedName_AndWithoutConsentToSignElectronically_Is400()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var agreement = await therapist.SendAgreementAsync(couple);

        var partnersName = await a.SignAsync(agreement.Id(), couple.FullName(1));
        var noConsent = await a.SignAsync(agreement.Id(), couple.FullName(0), agree: false);
        var empty = await a.PostAsync($"/api/portal/agreements/{agreement.Id()}/sign", new { });

        (await partnersName.ErrorFieldsAsync()).Should().Equal("typedName");
        (await noConsent.ErrorFieldsAsync()).Should().Equal("agreeToSignElectronically");
        (await empty.ErrorFieldsAsync()).Should().BeEquivalentTo("typedName", "agreeToSignElectronically");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM agreement_signatures WHERE agreement_id = '{agreement.Id()}'")).Should().Be(0);
    }

    [Fact]
    public async Task Sign_AfterTheTextChanged_Is409()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var agreement = await therapist.SendAgreementAsync(couple);

        var response = await a.PostAsync($"/api/portal/agreements/{agreement.Id()}/sign",
            new { typedName = couple.FullName(0), agreeToSignElectronically = true, textSha256 = new string('0', 64) });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task APartner_SeesOnlyTheirOwnSignature_NeverThePartnersMetadataOrDeclineReason()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var agreement = await therapist.SendAgreementAsync(couple);
        await a.SignedAsync(agreement.Id(), couple.FullName(0));

        var declined = await b.PostJsonAsync($"/api/portal/agreements/{agreement.Id()}/decline", new { reason = "DECLINE-MARKER I need to talk first" },
            HttpStatusCode.OK);

        declined.Text("myStatus").Should().Be("declined");
        var aView = await (await a.GetAsync($"/api/portal/agreements/{agreement.Id()}")).Content.ReadAsStringAsync();
        var aList = await (await a.GetAsync("/api/portal/agreements")).Content.ReadAsStringAsync();
        var bView = await (await b.GetAsync($"/api/portal/agreements/{agreement.Id()}")).Content.ReadAsStringAsync();
        aView.Should().NotContain("DECLINE-MARKER").And.NotContain("declined");
        aList.Should().NotContain("DECLINE-MARKER").And.NotContain("declined");
        bView.Should().NotContain(couple.FullName(0), "B never sees A's typed name");
        var therapistView = (await therapist.AgreementsAsync(couple))["items"]![0]!["partners"]!.AsArray();
        therapistView[1]!.Text("status").Should().Be("declined");
        therapistView[1]!.Text("declineReason").Should().Be("DECLINE-MARKER I need to talk first");

        var signedLater = await b.SignedAsync(agreement.Id(), couple.FullName(1));
        signedLater.Text("myStatus").Should().Be("signed", "a partner who declined may still sign");
    }

    [Fact]
    public async Task AnotherCouplesAgreement_Is404InThePortal_AndAnotherCaseloadIs404()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var elsewhere = await therapist.CreateCoupleAsync("Kim", "Lee");
        var client = await therapist.SignedInPartnerAsync(elsewhere, 0);
        var agreement = await therapist.SendAgreementAsync(couple);

        (await client.GetAsync($"/api/portal/agreements/{agreement.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.SignAsync(agreement.Id(), elsewhere.FullName(0))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/couples/{couple.Id()}/agreements")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/couples/{couple.Id()}/agreements", new { documentKind = "consent" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/couples/{couple.Id()}/agreements/{agreement.Id()}/paper",
            new { partnerId = couple.PartnerId(0), signedOn = "2026-11-02" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await therapist.PostAsync($"/api/couples/{elsewhere.Id()}/agreements/{agreement.Id()}/paper",
            new { partnerId = elsewhere.PartnerId(0), signedOn = "2026-11-02" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PaperSignature_IsRecordedAndAudited_AndASecondIs409()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var agreement = await therapist.SendAgreementAsync(couple);
        var url = $"/api/couples/{couple.Id()}/agreements/{agreement.Id()}/paper";

        var recorded = await therapist.PostJsonAsync(url, new { partnerId = couple.PartnerId(1), signedOn = factory.Today().Iso(), note = "Signed in the room." },
            HttpStatusCode.OK);
        var twice = await therapist.PostAsync(url, new { partnerId = couple.PartnerId(1), signedOn = factory.Today().Iso() });
        var future = await therapist.PostAsync(url, new { partnerId = couple.PartnerId(0), signedOn = factory.Today().AddDays(3).Iso() });
        var stranger = await therapist.PostAsync(url, new { partnerId = Guid.NewGuid(), signedOn = factory.Today().Iso() });

        var b = recorded["partners"]![1]!;
        b.Text("status").Should().Be("signed");
        b.Text("method").Should().Be("paper");
        b.Text("paperSignedOn").Should().Be(factory.Today().Iso());
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await future.ErrorFieldsAsync()).Should().Equal("signedOn");
        (await stranger.ErrorFieldsAsync()).Should().Equal("partnerId");
        (await factory.AuditAsync(couple, "agreement.paper_signature"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task ConfidentialityPolicy_NeedsAPolicy_IsShownOnTheList_AndSendingTheSameAgainIs409()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var noPolicy = await therapist.PostAsync($"/api/couples/{couple.Id()}/agreements", new { documentKind = "confidentiality_policy" });
        var badKind = await therapist.PostAsync($"/api/couples/{couple.Id()}/agreements", new { documentKind = "prenup" });
        var release = await therapist.PostAsync($"/api/couples/{couple.Id()}/agreements", new { documentKind = "release" });
        var first = await therapist.SendAgreementAsync(couple, "confidentiality_policy", "limited_secrets");
        var same = await therapist.PostAsync($"/api/couples/{couple.Id()}/agreements", new { documentKind = "confidentiality_policy", policy = "limited_secrets" });
        var changed = await therapist.SendAgreementAsync(couple, "confidentiality_policy", "no_secrets");

        (await noPolicy.ErrorFieldsAsync()).Should().Equal("policy");
        (await badKind.ErrorFieldsAsync()).Should().Equal("documentKind");
        (await release.ErrorFieldsAsync()).Should().Equal("documentKind");
        same.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var list = await therapist.AgreementsAsync(couple);
        list.Text("policy").Should().Be("no_secrets");
        list["items"]!.AsArray().Single(i => i!.Id() == first.Id())!["current"]!.GetValue<bool>().Should().BeFalse("the new policy supersedes it");
        list["items"]!.AsArray().Single(i => i!.Id() == changed.Id())!["current"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Remind_TellsOnlyThoseWhoHaveNotSigned_AndTheReadsAreAudited()
    {
        await factory.PublishDocumentsAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var agreement = await therapist.SendAgreementAsync(couple);
        await a.SignedAsync(agreement.Id(), couple.FullName(0));
        await factory.ScalarAsync<int>("UPDATE outbox_messages SET status = 'sent' WHERE status = 'pending' RETURNING 1");

        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/agreements/{agreement.Id()}/remind", null, HttpStatusCode.OK);
        await a.GetJsonAsync($"/api/portal/agreements/{agreement.Id()}");

        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE status = 'pending' AND partner_id = '{couple.PartnerId(0)}'")).Should().Be(0);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE status = 'pending' AND partner_id = '{couple.PartnerId(1)}'")).Should().Be(1);
        (await factory.AuditAsync(couple, "portal.agreement.read"))["items"]!.AsArray().Should().NotBeEmpty();
        (await factory.AuditAsync(couple, "agreement.list"))["items"]!.AsArray().Should().BeEmpty();
        await therapist.AgreementsAsync(couple);
        (await factory.AuditAsync(couple, "agreement.list"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task AnUnknownCouple_Is404_AndAnEmptyBodyIs400()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await factory.PublishDocumentsAsync();

        var unknown = await therapist.PostAsync($"/api/couples/{Guid.NewGuid()}/agreements", new { documentKind = "consent" });

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await therapist.PostAsync($"/api/couples/{couple.Id()}/agreements", "")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
