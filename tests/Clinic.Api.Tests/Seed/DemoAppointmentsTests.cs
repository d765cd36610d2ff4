using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Seed;

public sealed class DemoAppointmentsTests(SeedingApiFactory factory) : IClassFixture<SeedingApiFactory>
{
    [Fact]
    public async Task TheDemo_HasPastHeldAndUpcomingBookedAppointments_SoTheCaseloadShowsRealNextSessions()
    {
        await factory.SeedAsync();
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);
        var today = factory.Today();

        var caseload = await moss.GetJsonAsync("/api/dashboard/caseload");
        var calendar = await moss.GetJsonAsync($"/api/appointments?from={today:yyyy-MM-dd}&to={today.AddDays(8):yyyy-MM-dd}");
        var reed = caseload["rows"]!.AsArray().Single(r => r!["displayName"]!.GetValue<string>() == "Alex & Sam")!;
        var reedAppointments = await moss.GetJsonAsync($"/api/couples/{reed["coupleId"]}/appointments?pageSize=100");

        var inWork = caseload["rows"]!.AsArray().Where(r => r!["status"]!.GetValue<string>() is "active" or "intake").ToList();
        inWork.Should().NotBeEmpty().And.OnlyContain(r => r!["nextSessionOn"] != null);
        inWork.Select(r => DateOnly.Parse(r!["nextSessionOn"]!.GetValue<string>()))
            .Should().OnlyContain(d => d > today && d <= today.AddDays(7));
        calendar["items"]!.AsArray().Should().HaveCountGreaterThanOrEqualTo(inWork.Count);
        var held = reedAppointments["items"]!.AsArray().Where(a => a!["status"]!.GetValue<string>() == "held").ToList();
        held.Should().HaveCount(2).And.OnlyContain(a => a!["sessionId"] != null, "each held appointment is its session's");
    }

    [Fact]
    public async Task LoadingTheDemo_SendsNoEmail()
    {
        await factory.SeedAsync();
        await factory.SeedAsync(); // a second load tops the appointments up again

        (await factory.RowCountsAsync())["outbox_messages"].Should().Be(0,
            "loading the demo books appointments and raises flags without telling anyone: no booking email, reminder or notice");
    }

    [Fact]
    public async Task TheDemo_HasHoursForEachTherapist_AJointTimeWaitingForTheSecondPartner_AndTwoCouplesOnTheWaitlist()
    {
        await factory.SeedAsync();
        var moss = await factory.SignInAsync("ada.moss@demo.clinic.test", SeedingBuilders.DemoTherapistPassword);

        var hours = await factory.ScalarAsync<long>("SELECT count(*) FROM therapist_availability");
        var waitlist = await moss.GetJsonAsync("/api/waitlist");
        var caseload = await moss.GetJsonAsync("/api/dashboard/caseload");
        var waitingForPartner = await factory.ScalarAsync<long>(
            "SELECT count(*) FROM booking_requests WHERE status = 'awaiting_partner' AND attendees = 'both' AND partner_b_confirmed_at IS NULL");

        hours.Should().Be(3, "each demo therapist has working hours");
        waitlist.AsArray().Should().HaveCount(2);
        waitlist.AsArray().Should().OnlyContain(e => e!["status"]!.GetValue<string>() == "waiting");
        caseload["waitlist"]!["count"]!.GetValue<int>().Should().Be(2);
        caseload["waitlist"]!["oldestWaitDays"]!.GetValue<int>().Should().Be(23);
        waitingForPartner.Should().Be(1, "one couple's joint time waits for the second partner's confirmation");
    }
}
