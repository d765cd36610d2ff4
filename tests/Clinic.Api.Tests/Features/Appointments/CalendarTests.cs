using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Appointments;

public sealed class CalendarTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Calendar_ListsMyAppointmentsAcrossCouples_InTheRangeAsked_AndNoOneElses()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var first = await therapist.CreateCoupleAsync();
        var second = await therapist.CreateCoupleAsync("Kim", "Lee");
        var a = await therapist.BookAsync(first, factory.Local(2, "09:00"));
        var b = await therapist.BookAsync(second, factory.Local(3, "11:00"));
        await therapist.BookAsync(second, factory.Local(20));
        await other.BookAsync(await other.CreateCoupleAsync(), factory.Local(2, "09:00"));
        var from = factory.Today().AddDays(1).ToString("yyyy-MM-dd");
        var to = factory.Today().AddDays(8).ToString("yyyy-MM-dd");

        var calendar = await therapist.GetJsonAsync($"/api/appointments?from={from}&to={to}");

        calendar["items"]!.AsArray().Select(i => i!.Id()).Should().Equal(a.Id(), b.Id());
        calendar["items"]![1]!["coupleDisplayName"]!.GetValue<string>().Should().Be("Kim & Lee");
        calendar["timeZone"]!.GetValue<string>().Should().Be("UTC");
    }

    [Theory]
    [InlineData("from=2026-11-10&to=2026-11-09", "to")]
    [InlineData("from=2026-01-01&to=2026-06-01", "to")]
    [InlineData("from=yesterday", "from")]
    public async Task Calendar_WithABadRange_Returns400NamingTheField(string query, string field)
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.GetAsync($"/api/appointments?{query}");

        (await response.ErrorFieldsAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task CoupleAppointments_OfAnotherCaseload_Return404()
    {
        var owner = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();

        var response = await other.GetAsync($"/api/couples/{couple.Id()}/appointments");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
