using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Safety;

/// <summary>
/// DESIGN §11 / §4a: PHQ-9 item 9 above 0 raises a therapist-only safety flag with its own reason,
/// first on the caseload. The partner who answered and the other partner learn nothing from any
/// response; a later 0 on item 9 clears nothing.
/// </summary>
public sealed partial class RiskItemFlagTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task PortalPhq9_Item9AboveZero_RaisesAFlagTheTherapistSees_WithTheItemsOwnReason()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "PHQ-9");

        await client.AnswerQuestionnaireAsync(request, Phq9(total: 9, item9: 1));

        var flag = (await therapist.SafetyAsync(couple))["flags"]!.AsArray().Single(f => f!.Text("source") == "questionnaire")!;
        flag.Text("status").Should().Be("open");
        flag.Text("instrument").Should().Be("PHQ-9");
        flag.Text("partnerId").Should().Be(couple.PartnerId(0).ToString());
        flag["safetyCheckId"].Should().BeNull();
        var reason = flag["reasons"]!.AsArray().Single()!;
        reason.Text("item").Should().Be("phq9-9");
        reason.Text("answer").Should().Be("1");
        reason.Text("answerLabel").Should().Be("Several days");
        reason.Text("reason").Should().Contain("thoughts of being better off dead or of self-harm").And.Contain("suicide risk");
        (await factory.AuditAsync(couple, "safety.flag_raise"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Caseload_PutsTheRiskItemFirst_WithItsOwnReason_AndTheCoupleAtTheTop()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var quiet = await therapist.CreateCoupleAsync("Aaron", "Abe");
        var couple = await therapist.CreateCoupleAsync("Zoe", "Yan");
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var request = await therapist.RequestQuestionnaireAsync(couple, 1, instrument: "PHQ-9");
        await client.AnswerQuestionnaireAsync(request, Phq9(total: 12, item9: 2));

        var rows = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray();

        rows[0]!.Text("coupleId").Should().Be(couple.Id().ToString(), "a risk item puts the couple first");
        rows.Select(r => r!.Text("coupleId")).Should().Contain(quiet.Id().ToString());
        var alerts = rows[0]!["alerts"]!.AsArray();
        alerts[0]!.Text("code").Should().Be("risk_item");
        alerts[0]!.Text("severity").Should().Be("critical");
        alerts[0]!.Text("message").Should().Be(
            "Yan: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0. Assess suicide risk today.");
        alerts.Select(a => a!.Text("code")).Should().NotContain("safety_flag", "the risk item has its own alert, not the check-in's");
    }

    [Fact]
    public async Task TherapistEnteredPhq9_RaisesTheFlagToo_AndALaterZeroClearsNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(total: 6, item9: 3), "2026-10-01");

        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(total: 2, item9: 0), "2026-10-15");

        var flags = (await therapist.SafetyAsync(couple))["flags"]!.AsArray();
        flags.Should().ContainSingle().Which!.Text("status").Should().Be("open");
        var row = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray()
            .Single(r => r!.Text("coupleId") == couple.Id().ToString())!;
        row["alerts"]![0]!.Text("code").Should().Be("risk_item");
        (await therapist.SafetyAsync(couple))["summary"]!["needsJointConfirmation"]!.GetValue<bool>()
            .Should().BeTrue("an open flag gates joint work whatever raised it");
    }

    [Fact]
    public async Task Item9AtZero_RaisesNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        await therapist.RecordAsync(couple, 0, "PHQ-9", Phq9(total: 20, item9: 0));

        (await therapist.SafetyAsync(couple))["flags"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ResolvingTheFlag_NeedsANote_AndShowsTheQuestionnaireReasonBack()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.RecordAsync(couple, 1, "PHQ-9", Phq9(total: 5, item9: 1));
        var flag = (await therapist.SafetyAsync(couple))["flags"]![0]!;

        var resolved = await therapist.PostJsonAsync($"/api/safety-flags/{flag.Id()}/resolve",
            new { note = "Phoned the same day; no current intent; safety plan agreed." }, System.Net.HttpStatusCode.OK);

        resolved.Text("status").Should().Be("resolved");
        resolved.Text("source").Should().Be("questionnaire");
        resolved["reasons"]![0]!.Text("item").Should().Be("phq9-9");
    }

    [Fact]
    public async Task AnsweringPartner_IsShownWhereToGetHelp_AndOtherwiseTheSameAsWithItem9AtZero_AndBothPartnersPortalsShowNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var flagged = await therapist.CreateCoupleAsync("Ana", "Bo");
        var control = await therapist.CreateCoupleAsync("Cy", "Di");
        var answering = await therapist.SignedInPartnerAsync(flagged, 0);
        var other = await therapist.SignedInPartnerAsync(flagged, 1);
        var controlClient = await therapist.SignedInPartnerAsync(control, 0);
        var flaggedRequest = await therapist.RequestQuestionnaireAsync(flagged, 0, instrument: "PHQ-9");
        var controlRequest = await therapist.RequestQuestionnaireAsync(control, 0, instrument: "PHQ-9");
        // Both partners of the flagged couple look at every portal page before…
        var answeringBefore = await PortalPagesAsync(answering);
        var otherBefore = await PortalPagesAsync(other);
        var controlBefore = await PortalPagesAsync(controlClient);

        // …the same total either way, item 9 at 2 for one and 0 for the other.
        var withRisk = await answering.PostAsync($"/api/portal/questionnaires/{flaggedRequest.Id()}", new { responses = Phq9(12, item9: 2) });
        var withoutRisk = await controlClient.PostAsync($"/api/portal/questionnaires/{controlRequest.Id()}", new { responses = Phq9(12) });

        (await therapist.SafetyAsync(flagged))["flags"]!.AsArray().Should().ContainSingle("the flag was raised");
        (await therapist.SafetyAsync(control))["flags"]!.AsArray().Should().BeEmpty();
        withRisk.StatusCode.Should().Be(withoutRisk.StatusCode);
        var risky = await withRisk.JsonAsync();
        var plain = await withoutRisk.JsonAsync();
        // Issue 26: the partner who answered item 9 above 0 is shown the crisis text first; nothing else differs.
        risky["crisisResources"]!["markdown"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        plain["crisisResources"].Should().BeNull();
        // JsonNode writes "+" as \u002B; the offsets must read as the server wrote them for the normalising.
        Normalised(risky["questionnaire"]!.ToJsonString().Replace("\\u002B", "+"))
            .Should().Be(Normalised(plain["questionnaire"]!.ToJsonString().Replace("\\u002B", "+")));
        (await PortalPagesAsync(other)).Should().Equal(otherBefore, "the other partner learns nothing");
        // The answering partner's pages changed only as the control partner's did: the questionnaire is done.
        var answeringAfter = await PortalPagesAsync(answering);
        var controlAfter = await PortalPagesAsync(controlClient);
        answeringAfter.Select(Normalised).Should().Equal(controlAfter.Select(Normalised));
        answeringBefore.Select(Normalised).Should().Equal(controlBefore.Select(Normalised));
        foreach (var page in answeringAfter.Concat(await PortalPagesAsync(other)))
            page.Should().NotContainAny("flag", "risk", "safety", "suicide", "self-harm");
    }

    /// <summary>Every portal page a client can open, as raw text.</summary>
    private static async Task<List<string>> PortalPagesAsync(ApiClient client)
    {
        var pages = new List<string>();
        foreach (var url in new[] { "/api/portal/me", "/api/portal/questionnaires", "/api/portal/check-ins", "/api/portal/homework", "/api/me" })
            pages.Add(await (await client.GetAsync(url)).Content.ReadAsStringAsync());
        return pages;
    }

    /// <summary>Ids, times and the partners' own names vary between the two couples; everything else must not.</summary>
    private static string Normalised(string json) => Names().Replace(Timestamps().Replace(Guids().Replace(json, "<id>"), "<time>"), "<name>");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})")]
    private static partial Regex Timestamps();

    [GeneratedRegex("\\b(Ana|Bo|Cy|Di)\\b|[a-z0-9.]+@[a-z0-9.]+")]
    private static partial Regex Names();
}
