using System.Net;
using Clinic.Api.Tests.Features.Appointments;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.BookingBuilders;

namespace Clinic.Api.Tests.Features.Booking;

/// <summary>
/// Free times over HTTP (DESIGN §16), in a London practice with the clock set: the therapist's hours, dated exceptions and
/// time off, the buffer around what is booked, the notice and the horizon, and the two daylight-saving nights.
/// </summary>
public sealed class BookingSlotTests(LondonPracticeFactory factory) : IClassFixture<LondonPracticeFactory>
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public async Task Slots_FollowTheHours_ExceptionsTimeOff_TheBufferAroundBookings_TheNoticeAndTheHorizon()
    {
        factory.Clock.Set(new DateTimeOffset(2027, 1, 31, 8, 0, 0, TimeSpan.Zero)); // Sunday 08:00 in London (GMT)
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.SetHoursAsync(Hours("09:00", "12:00", buffer: 10, horizonDays: 7, minNoticeHours: 24, individualMinutes: 30,
            exceptions: [new { date = "2027-02-03", hours = new[] { new { start = "14:00", end = "16:00" } } },
                         new { date = "2027-02-04", hours = Array.Empty<object>() }],
            timeOff: [new { from = "2027-02-05", to = "2027-02-06", note = "Conference" }]));
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.BookAsync(couple, "2027-02-02T10:15", "partner_b"); // 10:15–11:05 on Tuesday

        var joint = await alex.SlotsAsync(D(2027, 1, 31), D(2027, 2, 8));
        var mine = await alex.SlotsAsync(D(2027, 2, 1), D(2027, 2, 2), "partner_a");
        var theirs = await alex.GetAsync("/api/portal/booking/slots?attendees=partner_b");

        joint["available"]!.GetValue<bool>().Should().BeTrue();
        joint["timeZone"]!.GetValue<string>().Should().Be("Europe/London");
        joint["durationMinutes"]!.GetValue<int>().Should().Be(50);
        joint.TimesOn(D(2027, 1, 31)).Should().BeEmpty("the minimum notice is 24 hours");
        joint.TimesOn(D(2027, 2, 1)).Should().Equal("09:00", "10:00", "11:00");
        joint.TimesOn(D(2027, 2, 2)).Should().Equal(["09:00"], "10:15–11:05 is booked, with 10 minutes either side, and 11:15 would end after 12:00");
        joint.TimesOn(D(2027, 2, 3)).Should().Equal(["14:00", "15:00"], "that date's hours replace the week's");
        joint.TimesOn(D(2027, 2, 4)).Should().BeEmpty("a date with no hours is a day off");
        joint.TimesOn(D(2027, 2, 5)).Should().BeEmpty("time off");
        joint.TimesOn(D(2027, 2, 6)).Should().BeEmpty("time off, to its last day");
        joint.TimesOn(D(2027, 2, 7)).Should().BeEmpty("clients book at most 7 days ahead");
        mine["durationMinutes"]!.GetValue<int>().Should().Be(30);
        mine.TimesOn(D(2027, 2, 1)).Should().Equal("09:00", "09:40", "10:20", "11:00");
        (await theirs.ErrorFieldsAsync()).Should().Equal("attendees");
        var first = joint["slots"]![0]!;
        first["startsAt"]!.GetValue<string>().Should().Be("2027-02-01T09:00:00");
        first["endsAt"]!.GetValue<string>().Should().Be("2027-02-01T09:50:00");
        first["startsAtUtc"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Slots_OnTheSpringNight_SkipTheHourThatDoesNotExist_And17StaysAt17Local()
    {
        factory.Clock.Set(new DateTimeOffset(2027, 3, 20, 12, 0, 0, TimeSpan.Zero)); // BST starts 01:00 GMT on Sunday 28 March 2027
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.SetHoursAsync(Hours(buffer: 0, jointMinutes: 60,
            weekly: [new { day = "monday", start = "17:00", end = "18:00" }],
            exceptions: [new { date = "2027-03-28", hours = new[] { new { start = "00:00", end = "04:00" } } }]));
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);

        var slots = await alex.SlotsAsync(D(2027, 3, 22), D(2027, 3, 30));

        slots.TimesOn(D(2027, 3, 28)).Should().Equal(["00:00", "02:00", "03:00"], "01:00–02:00 does not happen that night");
        Utc(slots, D(2027, 3, 28)).Should().Equal(At(3, 28, 0), At(3, 28, 1), At(3, 28, 2));
        slots.TimesOn(D(2027, 3, 22)).Should().Equal("17:00");
        slots.TimesOn(D(2027, 3, 29)).Should().Equal("17:00");
        Utc(slots, D(2027, 3, 22)).Should().Equal(At(3, 22, 17));
        Utc(slots, D(2027, 3, 29)).Should().Equal([At(3, 29, 16)], "17:00 in London is 16:00 UTC in summer");
    }

    [Fact]
    public async Task Slots_OnTheAutumnNight_OfferTheRepeatedHourTwice_AndARequestKeepsWhichOneWasChosen()
    {
        factory.Clock.Set(new DateTimeOffset(2027, 10, 23, 12, 0, 0, TimeSpan.Zero)); // GMT resumes 01:00 GMT on Sunday 31 October 2027
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.SetHoursAsync(Hours(buffer: 0, jointMinutes: 60,
            weekly: [new { day = "monday", start = "17:00", end = "18:00" }],
            exceptions: [new { date = "2027-10-31", hours = new[] { new { start = "00:00", end = "04:00" } } }]));
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);

        var slots = await alex.SlotsAsync(D(2027, 10, 25), D(2027, 11, 2));
        var secondOne = Utc(slots, D(2027, 10, 31))[2];
        var request = await alex.AskForAsync(secondOne);
        var booked = await (await sam.ConfirmAsync(request)).JsonAsync();
        var calendar = await therapist.GetJsonAsync("/api/appointments?from=2027-10-25&to=2027-11-08");

        slots.TimesOn(D(2027, 10, 31)).Should().Equal(["00:00", "01:00", "01:00", "02:00", "03:00"], "01:00–02:00 happens twice that night");
        Utc(slots, D(2027, 10, 31)).Should().Equal(At(10, 30, 23), At(10, 31, 0), At(10, 31, 1), At(10, 31, 2), At(10, 31, 3));
        Utc(slots, D(2027, 10, 25)).Should().Equal([At(10, 25, 16)], "17:00 in London is 16:00 UTC in summer");
        Utc(slots, D(2027, 11, 1)).Should().Equal([At(11, 1, 17)], "and 17:00 UTC in winter");
        booked.Status().Should().Be("booked");
        booked["startsAt"]!.GetValue<string>().Should().Be("2027-10-31T01:00:00");
        var appointment = calendar["items"]!.AsArray().Single()!;
        appointment["startsAtUtc"]!.GetValue<DateTimeOffset>().Should().Be(At(10, 31, 1), "the second 01:00, the one chosen");
        appointment["startsAt"]!.GetValue<string>().Should().Be("2027-10-31T01:00:00");
    }

    [Fact]
    public async Task Slots_ForACoupleWhoseTherapistHasNoHours_OrAPausedCouple_SayOnlyToContactTheTherapist()
    {
        factory.Clock.Set(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero));
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var noHours = await alex.SlotsAsync(D(2027, 2, 1), D(2027, 2, 8));
        await therapist.SetHoursAsync(Hours());
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/couples/{couple.Id()}", new { version = couple.Version(), status = "active" });
        var active = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/couples/{couple.Id()}", new { version = active.Version(), status = "paused" });

        var paused = await alex.SlotsAsync(D(2027, 2, 1), D(2027, 2, 8), "partner_a");

        foreach (var answer in new[] { noHours, paused })
        {
            answer["available"]!.GetValue<bool>().Should().BeFalse();
            answer["message"]!.GetValue<string>().Should().Be("Please contact your therapist to book.");
            answer["slots"]!.AsArray().Should().BeEmpty();
        }
    }

    private static IReadOnlyList<DateTimeOffset> Utc(System.Text.Json.Nodes.JsonNode slots, DateOnly date) =>
        slots["slots"]!.AsArray().Where(s => s!["startsAt"]!.GetValue<string>().StartsWith(Iso(date), StringComparison.Ordinal))
            .Select(s => s!["startsAtUtc"]!.GetValue<DateTimeOffset>()).ToList();

    private static DateTimeOffset At(int month, int day, int hour) => new(2027, month, day, hour, 0, 0, TimeSpan.Zero);
}
