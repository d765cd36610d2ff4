using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Safety;

public sealed class SafetyCheckInTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task CreateCouple_RequestsAPendingIntakeCheckInForEachPartner()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var safety = await therapist.SafetyAsync(couple);

        var checks = safety["checks"]!.AsArray();
        checks.Select(c => c!["partnerId"]!.GetValue<string>()).Should()
            .BeEquivalentTo(couple.PartnerId(0).ToString(), couple.PartnerId(1).ToString());
        checks.Should().OnlyContain(c => c!["status"]!.GetValue<string>() == "pending"
                                         && c["reason"]!.GetValue<string>() == "intake" && c["answers"] == null);
        safety["flags"]!.AsArray().Should().BeEmpty();
        safety["summary"]!.ToJsonString().Should().Be("""{"hasOpenFlag":false,"jointSessionsPaused":false,"needsJointConfirmation":false,"openFlagSources":[]}""");
        (await factory.AuditAsync(couple, "safety.check_request"))["total"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task PortalCheckIns_ShowMyPendingCheckInAsANeutralCheckIn_WithoutTheSafestAnswers()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);

        var list = await client.GetJsonAsync("/api/portal/check-ins");

        list["total"]!.GetValue<int>().Should().Be(1);
        var checkIn = list["items"]![0]!;
        checkIn["id"]!.GetValue<string>().Should().Be((await therapist.PendingCheckIdAsync(couple, 0)).ToString());
        checkIn["title"]!.GetValue<string>().Should().Be("Check-in");
        checkIn["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should()
            .Equal("safeAtHome", "hurtThreatenedFrightened", "afraidToSpeakInJointSessions", "anythingElse");
        var text = list.ToJsonString();
        text.Should().NotContainAny("safestAnswer", "flagReason", "safety", "Safety", "flag");
    }

    [Theory]
    [InlineData("safeAtHome", "no")]
    [InlineData("safeAtHome", "unsure")]
    [InlineData("hurtThreatenedFrightened", "once")]
    [InlineData("hurtThreatenedFrightened", "several_times")]
    [InlineData("hurtThreatenedFrightened", "often")]
    [InlineData("afraidToSpeakInJointSessions", "yes")]
    [InlineData("afraidToSpeakInJointSessions", "unsure")]
    public async Task AnswerCheckIn_WithAnyAnswerButTheSafest_RaisesAFlagNamingThatItem(string item, string answer)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);

        await client.AnswerMyCheckInAsync(SafetyBuilders.AnswersWith(item, answer));

        var safety = await therapist.SafetyAsync(couple);
        var flag = safety["flags"]!.AsArray().Should().ContainSingle().Subject!;
        flag["partnerId"]!.GetValue<string>().Should().Be(couple.PartnerId(1).ToString());
        flag["partnerLabel"]!.GetValue<string>().Should().Be("partner_b");
        flag["status"]!.GetValue<string>().Should().Be("open");
        var reason = flag["reasons"]!.AsArray().Should().ContainSingle().Subject!;
        reason["item"]!.GetValue<string>().Should().Be(item);
        reason["answer"]!.GetValue<string>().Should().Be(answer);
        reason["reason"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        safety["summary"]!["hasOpenFlag"]!.GetValue<bool>().Should().BeTrue();
        safety["summary"]!["needsJointConfirmation"]!.GetValue<bool>().Should().BeTrue();
        var check = safety["checks"]!.AsArray().Single(c => c!["partnerId"]!.GetValue<string>() == couple.PartnerId(1).ToString())!;
        check["status"]!.GetValue<string>().Should().Be("answered");
        check["flagId"]!.GetValue<string>().Should().Be(flag["id"]!.GetValue<string>());
        check["answers"]!.AsArray().Single(a => a!["item"]!.GetValue<string>() == item)!["flagged"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task AnswerCheckIn_AllSafeWithFreeText_RaisesNoFlag_ButKeepsTheTextForTheTherapist()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);

        await client.AnswerMyCheckInAsync(SafetyBuilders.SafeAnswers("Work has been stressful."));

        var safety = await therapist.SafetyAsync(couple);
        safety["flags"]!.AsArray().Should().BeEmpty();
        safety["summary"]!["hasOpenFlag"]!.GetValue<bool>().Should().BeFalse();
        var answers = safety["checks"]!.AsArray().Single(c => c!["status"]!.GetValue<string>() == "answered")!["answers"]!.AsArray();
        answers.Should().OnlyContain(a => !a!["flagged"]!.GetValue<bool>());
        answers.Single(a => a!["item"]!.GetValue<string>() == "anythingElse")!["answer"]!.GetValue<string>()
            .Should().Be("Work has been stressful.");
        (await client.GetJsonAsync("/api/portal/check-ins"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task AnswerCheckIn_Twice_Returns404TheSecondTime()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var id = await client.MyPendingCheckInIdAsync();
        await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/portal/check-ins/{id}",
            new { answers = SafetyBuilders.SafeAnswers() });

        var again = await client.PostAsync($"/api/portal/check-ins/{id}", new { answers = SafetyBuilders.AnswersWith("safeAtHome", "no") });

        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await therapist.SafetyAsync(couple))["flags"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AnswerCheckIn_WithMissingOrUnknownAnswers_Returns400NamingEachAnswer()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var id = await client.MyPendingCheckInIdAsync();

        var response = await client.PostAsync($"/api/portal/check-ins/{id}",
            new { answers = new Dictionary<string, object> { ["safeAtHome"] = "maybe", ["mood"] = "ok", ["hurtThreatenedFrightened"] = "never" } });

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(
            "answers.safeAtHome", "answers.mood", "answers.afraidToSpeakInJointSessions");
        (await client.GetJsonAsync("/api/portal/check-ins"))["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task RequestSafetyCheck_ForAPartner_Returns201AndShowsInThePortal_OnlyOnePendingAtATime()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var url = $"/api/couples/{couple.Id()}/safety-checks";

        (await therapist.PostAsync(url, new { partnerId = couple.PartnerId(0) })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await client.AnswerMyCheckInAsync(SafetyBuilders.SafeAnswers());
        var check = await therapist.PostJsonAsync(url, new { partnerId = couple.PartnerId(0) });

        check["reason"]!.GetValue<string>().Should().Be("therapist_request");
        check["status"]!.GetValue<string>().Should().Be("pending");
        (await client.MyPendingCheckInIdAsync()).Should().Be(check.Id());
        (await (await therapist.PostAsync(url, new { partnerId = Guid.NewGuid() })).ErrorFieldsAsync()).Should().Equal("partnerId");
        (await (await therapist.PostAsync(url, new { })).ErrorFieldsAsync()).Should().Equal("partnerId");
    }

    [Fact]
    public async Task SafetyReadsAndWrites_AreAudited_TheAnswerWithTheAnsweringClient()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var flag = await therapist.RaiseFlagAsync(couple, client);
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(0) });
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true));
        await therapist.PostJsonAsync($"/api/safety-flags/{flag.Id()}/resolve", new { note = "Discussed; individual session booked." },
            HttpStatusCode.OK);

        var answer = (await factory.AuditAsync(couple, "safety.check_answer"))["items"]!.AsArray().Should().ContainSingle().Subject!;
        answer["userId"]!.GetValue<string>().Should().Be(client.UserId.ToString());
        answer["role"]!.GetValue<string>().Should().Be("client");
        var raised = (await factory.AuditAsync(couple, "safety.flag_raise"))["items"]!.AsArray().Should().ContainSingle().Subject!;
        raised["resourceId"]!.GetValue<string>().Should().Be(flag.Id().ToString());
        foreach (var action in new[] { "safety.read", "risk_record.update", "safety.flag_resolve" })
        {
            var rows = (await factory.AuditAsync(couple, action))["items"]!.AsArray();
            rows.Should().Contain(r => r!["userId"]!.GetValue<string>() == therapist.UserId.ToString()
                                       && r["role"]!.GetValue<string>() == "therapist", action);
        }
        (await factory.AuditAsync(couple, "safety.check_request"))["total"]!.GetValue<int>().Should().Be(3);
    }
}
