using System.Net;
using Clinic.Api.Data;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Safety;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Features.Safety;

public sealed class RiskRecordTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task PutRiskRecord_CreatesThenUpdatesWithVersion_KeepingEveryStateInHistory()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var first = await therapist.PutRiskRecordAsync(couple, 0,
            SafetyBuilders.RiskRecord(violence: "situational", selfHarmRisk: "low", planNotes: "Monitor."));
        var second = await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(
            first["version"]!.GetValue<uint>(), paused: true, violence: "coercive_control_suspected", planNotes: "Individual sessions only."));

        first["revision"]!.GetValue<int>().Should().Be(1);
        second["revision"]!.GetValue<int>().Should().Be(2);
        second["version"]!.GetValue<uint>().Should().NotBe(first["version"]!.GetValue<uint>());
        second["violence"]!.GetValue<string>().Should().Be("coercive_control_suspected");
        second["jointSessionsPaused"]!.GetValue<bool>().Should().BeTrue();
        var history = second["history"]!.AsArray();
        history.Select(h => h!["revision"]!.GetValue<int>()).Should().Equal(2, 1);
        history[1]!["violence"]!.GetValue<string>().Should().Be("situational");
        history[1]!["selfHarmRisk"]!.GetValue<string>().Should().Be("low");
        history[1]!["planNotes"]!.GetValue<string>().Should().Be("Monitor.");

        var safety = await therapist.SafetyAsync(couple);
        var records = safety["riskRecords"]!.AsArray();
        records.Select(r => r!["recorded"]!.GetValue<bool>()).Should().Equal(true, false);
        records[0]!["history"]!.AsArray().Should().HaveCount(2);
        safety["summary"]!.ToJsonString().Should().Be("""{"hasOpenFlag":false,"jointSessionsPaused":true,"needsJointConfirmation":true,"openFlagSources":[]}""");
    }

    [Fact]
    public async Task PutRiskRecord_WithAStaleOrMissingVersion_Returns409AndChangesNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(1)}/risk-record";
        var first = await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(planNotes: "v1"));
        var stale = first["version"]!.GetValue<uint>();
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(stale, planNotes: "v2"));

        (await therapist.PutAsync(url, SafetyBuilders.RiskRecord(stale, planNotes: "v3"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await therapist.PutAsync(url, SafetyBuilders.RiskRecord(null, planNotes: "v3"))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var record = (await therapist.SafetyAsync(couple))["riskRecords"]![1]!;
        record["planNotes"]!.GetValue<string>().Should().Be("v2");
        record["history"]!.AsArray().Select(h => h!["planNotes"]!.GetValue<string>()).Should().Equal("v2", "v1");
    }

    [Fact]
    public async Task PutRiskRecord_FirstSaveWithAVersion_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PutAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/risk-record",
            SafetyBuilders.RiskRecord(version: 12345));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PutRiskRecord_WithBadValues_Returns400NamingEachField()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var url = $"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/risk-record";

        (await (await therapist.PutAsync(url, new { planNotes = "x" })).ErrorFieldsAsync()).Should()
            .BeEquivalentTo("violence", "substanceMisuse", "selfHarmRisk", "jointSessionsPaused");
        (await (await therapist.PutAsync(url, new { violence = "sometimes", substanceMisuse = false, selfHarmRisk = "none",
            jointSessionsPaused = false })).ErrorFieldsAsync()).Should().Equal("violence");
    }

    [Fact]
    public async Task PutRiskRecord_ForAPartnerOfAnotherCouple_Returns400NamingPartnerId_AndStoresNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");

        var response = await therapist.PutAsync($"/api/couples/{couple.Id()}/partners/{other.PartnerId(0)}/risk-record",
            SafetyBuilders.RiskRecord());

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await response.ErrorFieldsAsync()).Should().Equal("partnerId");
        (await therapist.SafetyAsync(other))["riskRecords"]!.AsArray().Should().OnlyContain(r => !r!["recorded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResolveFlag_WithoutANote_Returns400NamingNote_AndTheFlagStaysOpen()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var flag = await therapist.RaiseFlagAsync(couple, await therapist.SignedInPartnerAsync(couple, 0));
        var url = $"/api/safety-flags/{flag.Id()}/resolve";

        (await (await therapist.PostAsync(url, new { })).ErrorFieldsAsync()).Should().Equal("note");
        var blank = await therapist.PostAsync(url, new { note = "   " });
        (await blank.ErrorFieldsAsync()).Should().Equal("note");
        (await blank.ErrorMessageAsync("note")).Should().Be(SafetyFlag.NoteRequiredMessage);

        (await therapist.SafetyAsync(couple))["flags"]![0]!["status"]!.GetValue<string>().Should().Be("open");
    }

    [Fact]
    public async Task ResolveFlag_WithANote_ResolvesIt_OpenFlagsListFirst_AndASecondResolveIs409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var first = await therapist.RaiseFlagAsync(couple, client);
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(0) });
        await client.AnswerMyCheckInAsync(SafetyBuilders.AnswersWith("safeAtHome", "unsure"));
        var url = $"/api/safety-flags/{first.Id()}/resolve";

        var resolved = await therapist.PostJsonAsync(url, new { note = "  Spoke individually; no current risk.  " }, HttpStatusCode.OK);

        resolved["status"]!.GetValue<string>().Should().Be("resolved");
        resolved["resolutionNote"]!.GetValue<string>().Should().Be("Spoke individually; no current risk.");
        resolved["resolvedBy"]!.GetValue<string>().Should().Be(therapist.UserId.ToString());
        resolved["resolvedAt"].Should().NotBeNull();
        (await therapist.PostAsync(url, new { note = "again" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var flags = (await therapist.SafetyAsync(couple))["flags"]!.AsArray();
        flags.Select(f => f!["status"]!.GetValue<string>()).Should().Equal("open", "resolved");
        (await therapist.SafetyAsync(couple))["summary"]!["hasOpenFlag"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task SafetyGate_IsClosedWhileAFlagIsOpenOrJointSessionsArePaused()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);

        (await GateAsync(couple.Id())).Should().BeFalse();
        var flag = await therapist.RaiseFlagAsync(couple, client);
        (await GateAsync(couple.Id())).Should().BeTrue();
        await therapist.PostJsonAsync($"/api/safety-flags/{flag.Id()}/resolve", new { note = "Addressed." }, HttpStatusCode.OK);
        (await GateAsync(couple.Id())).Should().BeFalse();
        var record = await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true));
        (await GateAsync(couple.Id())).Should().BeTrue();
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(record["version"]!.GetValue<uint>(), paused: false));
        (await GateAsync(couple.Id())).Should().BeFalse();
    }

    [Fact]
    public async Task RequireJointConfirmation_WhileTheGateIsClosed_RefusesWithoutConfirmation_AndPassesWithIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();

        (await SafetyGate.RequireJointConfirmationAsync(db, couple.Id(), false, CancellationToken.None)).Should().BeFalse();
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(paused: true));

        var refused = async () => await SafetyGate.RequireJointConfirmationAsync(db, couple.Id(), false, CancellationToken.None);
        (await refused.Should().ThrowAsync<Clinic.Api.Infrastructure.Errors.ConflictException>())
            .Which.Extensions.Should().Contain("requiresSafetyConfirmation", true);
        (await SafetyGate.RequireJointConfirmationAsync(db, couple.Id(), true, CancellationToken.None)).Should().BeTrue();
    }

    private async Task<bool> GateAsync(Guid coupleId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return await SafetyGate.NeedsJointConfirmationAsync(db, coupleId, CancellationToken.None);
    }
}
