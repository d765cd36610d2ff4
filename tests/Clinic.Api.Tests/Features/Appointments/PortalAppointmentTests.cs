using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Appointments;

public sealed class PortalAppointmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Portal_ShowsEachPartnerOnlyTheAppointmentsTheyAttend()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var a = await therapist.SignedInPartnerAsync(couple, 0);
        var b = await therapist.SignedInPartnerAsync(couple, 1);
        var joint = await therapist.BookAsync(couple, factory.Local(2), noteToClients: "We will meet in room 2.");
        var onlyA = await therapist.BookAsync(couple, factory.Local(3), "partner_a");
        var held = await therapist.BookAsync(couple, factory.Local(4), "partner_b");
        await therapist.PatchAppointmentAsync(held, new { version = held.Version(), status = "cancelled" });

        var mineA = await a.GetJsonAsync("/api/portal/appointments");
        var mineB = await b.GetJsonAsync("/api/portal/appointments");

        mineA.AsArray().Select(x => x!.Id()).Should().Equal(joint.Id(), onlyA.Id());
        mineB.AsArray().Select(x => x!.Id()).Should().Equal(joint.Id(), held.Id());
        mineB[1]!["status"]!.GetValue<string>().Should().Be("cancelled");
        mineA[0]!["noteToClients"]!.GetValue<string>().Should().Be("We will meet in room 2.");
        mineA[0]!.AsObject().Select(p => p.Key).Should().NotContain(["coupleId", "coupleDisplayName", "sessionId"]);
    }

    [Fact]
    public async Task CalendarFile_OfMyAppointment_IsAnIcs_AndThePartnersIndividualOneIs404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var a = await therapist.SignedInPartnerAsync(couple, 0);
        var b = await therapist.SignedInPartnerAsync(couple, 1);
        var onlyA = await therapist.BookAsync(couple, factory.Local(3, "17:00"), "partner_a", noteToClients: "Private words.");
        var elsewhere = await therapist.BookAsync(await therapist.CreateCoupleAsync("Kim", "Lee"), factory.Local(5));

        var mine = await a.GetAsync($"/api/portal/appointments/{onlyA.Id()}.ics");
        var partners = await b.GetAsync($"/api/portal/appointments/{onlyA.Id()}.ics");
        var foreign = await a.GetAsync($"/api/portal/appointments/{elsewhere.Id()}.ics");

        mine.StatusCode.Should().Be(HttpStatusCode.OK);
        mine.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var ics = await mine.Content.ReadAsStringAsync();
        ics.Should().Contain("BEGIN:VEVENT").And.Contain($"UID:{onlyA.Id()}@clinic")
            .And.Contain("DTSTART:" + factory.Today().AddDays(3).ToString("yyyyMMdd") + "T170000Z")
            .And.NotContain("Private words").And.NotContain("Alex").And.NotContain("Sam");
        partners.StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
