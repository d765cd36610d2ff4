using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.BookingBuilders;

namespace Clinic.Api.Tests.Features.Booking;

public sealed class AvailabilityTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Availability_StartsWithTheDefaultsAndNoHours_AndAGetBodySentBackToPutIsSaved()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var first = await therapist.GetJsonAsync("/api/me/availability");
        var saved = await therapist.SetHoursAsync(Hours("09:00", "13:00", buffer: 15, horizonDays: 60, minNoticeHours: 48,
            jointMinutes: 80, individualMinutes: 45, autoApprove: false, cancellationWindowHours: 48,
            weekly: [new { day = "tuesday", start = "14:00", end = "18:00" }, new { day = "monday", start = "09:00", end = "12:00" },
                     new { day = "monday", start = "13:00", end = "17:30" }],
            exceptions: [new { date = "2027-12-24", hours = new[] { new { start = "09:00", end = "12:00" } } }],
            timeOff: [new { from = "2027-12-27", to = "2028-01-02", note = "  Holiday " }]));
        var roundTrip = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/availability", saved);
        var read = await therapist.GetJsonAsync("/api/me/availability");

        first["weekly"]!.AsArray().Should().BeEmpty();
        first["version"].Should().BeNull();
        first["bufferMinutes"]!.GetValue<int>().Should().Be(10);
        first["horizonDays"]!.GetValue<int>().Should().Be(28);
        first["minNoticeHours"]!.GetValue<int>().Should().Be(24);
        first["cancellationWindowHours"]!.GetValue<int>().Should().Be(24);
        first["timeZone"]!.GetValue<string>().Should().Be("UTC");
        saved["weekly"]!.AsArray().Select(w => $"{w!["day"]} {w["start"]}-{w["end"]}")
            .Should().Equal("monday 09:00-12:00", "monday 13:00-17:30", "tuesday 14:00-18:00");
        saved["timeOff"]![0]!["note"]!.GetValue<string>().Should().Be("Holiday");
        saved["version"]!.GetValue<uint>().Should().BeGreaterThan(0);
        roundTrip["version"]!.GetValue<uint>().Should().NotBe(saved["version"]!.GetValue<uint>());
        read.ToJsonString().Should().Be(roundTrip.ToJsonString());
        read["exceptions"]![0]!["hours"]![0]!["end"]!.GetValue<string>().Should().Be("12:00");
        read["jointMinutes"]!.GetValue<int>().Should().Be(80);
        read["autoApprove"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("bufferMinutes", 61)]
    [InlineData("bufferMinutes", -1)]
    [InlineData("horizonDays", 0)]
    [InlineData("horizonDays", 91)]
    [InlineData("minNoticeHours", 1)]
    [InlineData("minNoticeHours", 169)]
    [InlineData("jointMinutes", 10)]
    [InlineData("individualMinutes", 241)]
    [InlineData("cancellationWindowHours", 169)]
    public async Task Update_WithANumberOutOfRange_Returns400NamingIt(string field, int value)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var body = Hours();
        body[field] = value;

        var response = await therapist.PutAsync("/api/me/availability", body);

        (await response.ErrorFieldsAsync()).Should().Equal(field);
    }

    public static TheoryData<string, object[]?, object[]?, object[]?> BadHours => new()
    {
        { "weekly[0].end", [new { day = "monday", start = "12:00", end = "09:00" }], null, null },
        { "weekly[0].start", [new { day = "monday", start = "09:07", end = "12:00" }], null, null },
        { "weekly[1]", [new { day = "monday", start = "09:00", end = "12:00" }, new { day = "monday", start = "11:00", end = "13:00" }], null, null },
        { "weekly[0].day", [new { start = "09:00", end = "12:00" }], null, null },
        { "exceptions[1].date", null, [new { date = "2027-05-01", hours = Array.Empty<object>() }, new { date = "2027-05-01", hours = Array.Empty<object>() }], null },
        { "exceptions[0].hours", null, [new { date = "2027-05-01" }], null },
        { "timeOff[0].to", null, null, [new { from = "2027-05-02", to = "2027-05-01" }] },
        { "timeOff[0].note", null, null, [new { from = "2027-05-01", to = "2027-05-01", note = "bad\u0000note" }] },
    };

    [Theory]
    [MemberData(nameof(BadHours))]
    public async Task Update_WithBadHours_Returns400NamingTheEntry(string field, object[]? weekly, object[]? exceptions, object[]? timeOff)
    {
        var therapist = await factory.SignedInTherapistAsync();

        var response = await therapist.PutAsync("/api/me/availability", Hours(weekly: weekly, exceptions: exceptions, timeOff: timeOff));

        (await response.ErrorFieldsAsync()).Should().Contain(field);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_Is409_AndAFirstSaveNamingAVersion409_AndAClient403()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var first = await therapist.SetHoursAsync(Hours());
        await therapist.SetHoursAsync(Hours("10:00", "12:00", version: first.Version()));

        var stale = await therapist.PutAsync("/api/me/availability", Hours(version: first.Version()));
        var phantom = await other.PutAsync("/api/me/availability", Hours(version: 12345));
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);
        var asClient = await client.GetAsync("/api/me/availability");

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        phantom.StatusCode.Should().Be(HttpStatusCode.Conflict);
        asClient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.GetJsonAsync("/api/me/availability"))["weekly"]!.AsArray().Should().BeEmpty("each therapist has their own hours");
    }

    [Fact]
    public async Task Update_NamingAnotherTimeZone_Is400_TheZoneIsThePractices()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var body = Hours();
        body["timeZone"] = "Australia/Sydney";

        var response = await therapist.PutAsync("/api/me/availability", body);

        (await response.ErrorFieldsAsync()).Should().Equal("timeZone");
    }
}
