using System.Globalization;
using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Clinic.Api.Tests.Features.Appointments;

/// <summary>A practice in London: its clocks go forward in March and back in October.</summary>
public sealed class LondonPracticeFactory : ClinicApiFactory
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Practice:TimeZone", "Europe/London");
    }

    /// <summary>The next day (after tomorrow) whose noon has a different UTC offset from the day before: a change of the clocks.</summary>
    public DateOnly NextChange(bool forward)
    {
        var day = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(2);
        for (var i = 0; i < 800; i++, day = day.AddDays(1))
        {
            var before = Zone.GetUtcOffset(day.AddDays(-1).ToDateTime(new TimeOnly(12, 0)));
            var after = Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0)));
            if (after != before && (after > before) == forward) return day;
        }
        throw new InvalidOperationException("London never changes its clocks?");
    }
}

public sealed class DaylightSavingTests(LondonPracticeFactory factory) : IClassFixture<LondonPracticeFactory>
{
    private static string At(DateOnly day, string time) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + time;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWeeklySlot_StaysAt1700Local_AcrossAClockChange_WhileItsUtcInstantMovesByAnHour(bool forward)
    {
        var change = factory.NextChange(forward);
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var before = await therapist.BookAsync(couple, At(change.AddDays(-3), "17:00"));
        var after = await therapist.BookAsync(couple, At(change.AddDays(4), "17:00"));
        // Moving the first one a week on, as a therapist does with a weekly slot, lands on 17:00 local too.
        var moved = await (await therapist.PatchAppointmentAsync(before,
            new { version = before.Version(), startsAt = At(change.AddDays(4 + 7), "17:00") })).JsonAsync();

        before["startsAt"]!.GetValue<string>().Should().EndWith("T17:00:00");
        after["startsAt"]!.GetValue<string>().Should().EndWith("T17:00:00");
        moved["startsAt"]!.GetValue<string>().Should().EndWith("T17:00:00");
        var utcBefore = before["startsAtUtc"]!.GetValue<DateTimeOffset>();
        var utcAfter = after["startsAtUtc"]!.GetValue<DateTimeOffset>();
        (utcAfter - utcBefore).Should().Be(TimeSpan.FromDays(7) + (forward ? TimeSpan.FromHours(-1) : TimeSpan.FromHours(1)));
        utcAfter.UtcDateTime.Hour.Should().Be(forward ? 16 : 17, "17:00 in London is 16:00 UTC in summer and 17:00 UTC in winter");
        before["timeZone"]!.GetValue<string>().Should().Be("Europe/London");
    }

    [Fact]
    public async Task ATimeTheClocksSkip_Is400OnStartsAt_AndATimeThatHappensTwice_IsItsFirstOccurrence()
    {
        var spring = factory.NextChange(forward: true);
        var autumn = factory.NextChange(forward: false);
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var skipped = await therapist.TryBookAsync(couple, AppointmentBuilders.NewAppointment(At(spring, "01:30")));
        var twice = await therapist.BookAsync(couple, At(autumn, "01:30"), "partner_a", 30);

        (await skipped.ErrorFieldsAsync()).Should().Equal("startsAt");
        twice["startsAt"]!.GetValue<string>().Should().EndWith("T01:30:00");
        twice["startsAtUtc"]!.GetValue<DateTimeOffset>().UtcDateTime.Should().Be(autumn.ToDateTime(new TimeOnly(0, 30)),
            "01:30 summer time (UTC+1) comes before 01:30 winter time");
    }

    [Fact]
    public async Task TheCalendarFile_CarriesTheZone_SoACalendarShows1700()
    {
        var change = factory.NextChange(forward: false);
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var after = await therapist.BookAsync(couple, At(change.AddDays(4), "17:00"));

        var ics = await (await client.GetAsync($"/api/portal/appointments/{after.Id()}.ics")).Content.ReadAsStringAsync();

        ics.Should().Contain("BEGIN:VTIMEZONE").And.Contain("TZID:Europe/London")
            .And.Contain($"DTSTART;TZID=Europe/London:{change.AddDays(4):yyyyMMdd}T170000");
    }
}
