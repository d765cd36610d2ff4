using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Admin;

/// <summary>The admin's audit log speaks in names, hides routine token refreshes, and has pickers for its filters.</summary>
public sealed class AuditLogTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task AuditList_NamesThePersonAndTheCouple_BesideTheirIds()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var admin = await factory.AdminAsync();

        var created = (await admin.GetJsonAsync($"/api/admin/audit?coupleId={couple.Id()}&action=couple.create"))["items"]!.AsArray().Single()!;

        created["userId"]!.GetValue<string>().Should().Be(therapist.UserId.ToString());
        created["userName"]!.GetValue<string>().Should().Be("Ada Moss");
        created["coupleId"]!.GetValue<string>().Should().Be(couple.Id().ToString());
        created["coupleName"]!.GetValue<string>().Should().Be("Alex & Sam");
        var login = (await admin.GetJsonAsync($"/api/admin/audit?action=auth.login&userId={therapist.UserId}"))["items"]!.AsArray()[0]!;
        login["userName"]!.GetValue<string>().Should().Be("Ada Moss");
        login["coupleName"].Should().BeNull("an event without a couple names none");
    }

    [Fact]
    public async Task AuditList_HidesTokenRefreshes_UnlessAskedFor()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        (await therapist.RefreshAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var admin = await factory.AdminAsync();

        static List<string> Actions(System.Text.Json.Nodes.JsonNode page) =>
            page["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        var byDefault = Actions(await admin.GetJsonAsync($"/api/admin/audit?userId={id}&pageSize=100"));
        var withRefreshes = Actions(await admin.GetJsonAsync($"/api/admin/audit?userId={id}&pageSize=100&includeRefreshes=true"));
        var byName = Actions(await admin.GetJsonAsync($"/api/admin/audit?userId={id}&action=auth.refresh"));

        byDefault.Should().Contain("auth.login").And.NotContain("auth.refresh");
        withRefreshes.Should().Contain("auth.refresh");
        byName.Should().Equal("auth.refresh");
        var csv = await (await admin.GetAsync($"/api/admin/audit.csv?userId={id}")).Content.ReadAsStringAsync();
        csv.Should().NotContain(",auth.refresh,", "the CSV holds what the screen's filters select");
    }

    [Fact]
    public async Task TwoStepSignIn_ThePasswordStep_IsLoggedAsAcceptedWithTheSecondStepPending_NotAsADenial()
    {
        var (id, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        await therapist.EnrolMfaAsync();

        var noCode = await factory.Anonymous().TryLoginAsync(email, Accounts.Password);

        noCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var admin = await factory.AdminAsync();
        var events = (await admin.GetJsonAsync($"/api/admin/audit?userId={id}&pageSize=100"))["items"]!.AsArray()
            .Select(e => $"{e!["action"]!.GetValue<string>()} {e["outcome"]!.GetValue<string>()}").ToList();
        events.Should().Contain("auth.login_second_step_pending allowed");
        events.Should().NotContain("auth.login denied", "a right password is not a denial");
    }

    [Fact]
    public async Task AuditCsv_KeepsTheIds_AndAddsTheNames()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var admin = await factory.AdminAsync();

        var lines = (await (await admin.GetAsync($"/api/admin/audit.csv?coupleId={couple.Id()}&action=couple.create")).Content
            .ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().EndWith(",detail,userName,coupleName");
        lines[1].Should().Contain($",{therapist.UserId},therapist,couple.create,").And.Contain($",{couple.Id()},")
            .And.EndWith(",Ada Moss,Alex & Sam");
    }

    [Fact]
    public async Task Pickers_FindPeopleAndCouplesByName_ListTheActions_AndAreAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var admin = await factory.AdminAsync();

        var people = (await admin.GetJsonAsync("/api/admin/audit/people?search=ada mo")).AsArray();
        var couples = (await admin.GetJsonAsync("/api/admin/audit/couples?search=SAM")).AsArray();
        var actions = (await admin.GetJsonAsync("/api/admin/audit/actions")).AsArray().Select(a => a!.GetValue<string>()).ToList();

        people.Should().Contain(p => p!["id"]!.GetValue<string>() == therapist.UserId.ToString()
            && p["name"]!.GetValue<string>() == "Ada Moss" && p["role"]!.GetValue<string>() == "therapist");
        people.Should().OnlyContain(p => p!["name"]!.GetValue<string>().Contains("Ada Mo"));
        couples.Should().Contain(c => c!["id"]!.GetValue<string>() == couple.Id().ToString()
            && c["displayName"]!.GetValue<string>() == "Alex & Sam" && c["therapistName"]!.GetValue<string>() == "Ada Moss");
        actions.Should().Contain(["couple.create", "auth.login"]).And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        (await admin.GetJsonAsync("/api/admin/audit?action=admin.audit_lookup&pageSize=100"))["items"]!.AsArray()
            .Select(e => e!["detail"]!.GetValue<string>()).Should().Contain(["people", "couples"]);
    }

    [Fact]
    public async Task Pickers_ASearchTooLong_Is400NamingIt_AndOnlyAnAdminMayAsk()
    {
        var admin = await factory.AdminAsync();
        var therapist = await factory.SignedInTherapistAsync();

        var tooLong = await admin.GetAsync($"/api/admin/audit/people?search={new string('a', 101)}");

        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.ErrorFieldsAsync()).Should().Equal("search");
        (await therapist.GetAsync("/api/admin/audit/couples")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await therapist.GetAsync("/api/admin/audit/actions")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
