using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Retention;

/// <summary>
/// The retention period is the practice's setting (<c>retentionYears</c> in /api/admin/practice, default 7, 1–30),
/// counted from the closing date: it decides which couples are due and which purges are refused.
/// Its own database: the setting is practice-wide.
/// </summary>
public sealed class RetentionPeriodTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task RetentionYears_DecidesWhatIsDue_AndWhatMayBePurged()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Eight", "Years");
        await therapist.CloseLongAgoAsync(couple, factory.Today().AddYears(-8));
        var admin = await factory.AdminAsync();
        var settings = await admin.GetJsonAsync("/api/admin/practice");
        settings["retentionYears"]!.GetValue<int>().Should().Be(7, "seven years unless the practice says otherwise");
        (await Due(admin)).Should().Contain(couple.Id());

        settings["retentionYears"] = 10;
        var saved = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/admin/practice", settings.ToJsonString());
        var purge = await admin.PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { confirm = "Eight & Years" });

        saved["retentionYears"]!.GetValue<int>().Should().Be(10);
        (await Due(admin)).Should().NotContain(couple.Id(), "eight years after closing is inside a ten-year period");
        purge.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await purge.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("10 years after closing");
        var panel = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/retention");
        panel["retainUntil"]!.GetValue<string>().Should().Be(factory.Today().AddYears(-8).AddYears(10).Iso());
        var trail = await admin.GetJsonAsync("/api/admin/audit?action=practice.settings.update");
        trail["items"]!.AsArray().Should().Contain(e => e!["detail"]!.GetValue<string>().Contains("retentionYears"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public async Task RetentionYears_OutsideOneToThirty_Is400NamingIt(int years)
    {
        var admin = await factory.AdminAsync();
        var settings = await admin.GetJsonAsync("/api/admin/practice");
        settings["retentionYears"] = years;

        var response = await admin.SendAsync(HttpMethod.Put, "/api/admin/practice", settings.ToJsonString());

        (await response.ErrorFieldsAsync()).Should().Equal("retentionYears");
    }

    private static async Task<List<Guid>> Due(ApiClient admin) =>
        (await admin.GetJsonAsync("/api/admin/retention?pageSize=100"))["items"]!.AsArray()
            .Select(n => Guid.Parse(n!["coupleId"]!.GetValue<string>())).ToList();
}
