using Clinic.Api.Tests.Infrastructure;
using Ical.Net;

namespace Clinic.Api.Tests.Features.Appointments;

/// <summary>
/// Issue 26: no field can rewrite a calendar file. A video link with a CR, LF or any other control
/// character is refused naming <c>videoLink</c>; what does reach the .ics is escaped, so the file
/// parses back to exactly the one event that was put there.
/// </summary>
public sealed class CalendarInjectionTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private const string Injected = "\r\nATTENDEE:mailto:attacker@evil.test\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nACTION:DISPLAY\r\nEND:VALARM";

    [Theory]
    [InlineData("https://meet.test/room\r\nATTENDEE:mailto:x@evil.test")]
    [InlineData("https://meet.test/room\nBEGIN:VALARM")]
    [InlineData("https://meet.test/room\rX-INJECTED:1")]
    [InlineData("https://meet.test/ro\u0000om")]
    [InlineData("https://meet.test/ro\u000bom")]
    [InlineData("https://meet.test/ro\u0085om")]
    public async Task VideoLink_WithAControlCharacter_Is400NamingVideoLink_WhenBookedOrChanged(string link)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Local(3), format: "video", videoLink: "https://meet.test/room");

        var book = await therapist.TryBookAsync(couple, AppointmentBuilders.NewAppointment(factory.Local(4), format: "video",
            videoLink: link, confirmOverlap: true));
        var change = await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), videoLink = link });

        (await book.ErrorFieldsAsync()).Should().Contain("videoLink");
        (await change.ErrorFieldsAsync()).Should().Contain("videoLink");
        (await therapist.CoupleAppointmentsAsync(couple)).AsArray().Should().ContainSingle()
            .Which!["videoLink"]!.GetValue<string>().Should().Be("https://meet.test/room");
    }

    [Fact]
    public async Task EveryTextThatReachesTheIcs_IsEscaped_SoItParsesBackToOneEventWithNoAlarmOrAttendee()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        // Commas, semicolons and backslashes are legal in a URL and special in iCalendar text.
        const string link = "https://meet.test/room;x=1,y=2\\z?END:VEVENT";
        var appointment = await therapist.BookAsync(couple, factory.Local(3), format: "video", videoLink: link,
            noteToClients: "Bring the form." + Injected);

        var ics = await (await client.GetAsync($"/api/portal/appointments/{appointment.Id()}.ics")).Content.ReadAsStringAsync();
        var calendar = Calendar.Load(ics)!;

        calendar.Events.Should().ContainSingle();
        var evt = calendar.Events.Single();
        evt.Alarms.Should().BeEmpty();
        evt.Attendees.Should().BeEmpty();
        evt.Location.Should().Be(link);
        evt.Url!.ToString().Should().StartWith("https://meet.test/room");
        ics.Should().NotContain("VALARM").And.NotContain("attacker@evil.test");
        ics.Split("\r\n").Count(l => l == "BEGIN:VEVENT").Should().Be(1);
    }
}
