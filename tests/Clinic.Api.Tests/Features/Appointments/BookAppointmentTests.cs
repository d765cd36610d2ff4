using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AppointmentBuilders;

namespace Clinic.Api.Tests.Features.Appointments;

public sealed class BookAppointmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Book_StoresTheLocalTimeAndItsUtcInstant_AndListsItForTheCouple()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var startsAt = factory.Local(3);

        var booked = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/appointments",
            NewAppointment(startsAt, "partner_a", 50, "video", "https://meet.example/abc", "Please bring your calendars."));

        booked["startsAt"]!.GetValue<string>().Should().Be(startsAt + ":00");
        booked["endsAt"]!.GetValue<string>().Should().Be(factory.Local(3, "17:50") + ":00");
        booked["startsAtUtc"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.Parse(startsAt + "Z"));
        booked["timeZone"]!.GetValue<string>().Should().Be("UTC");
        booked["attendees"]!.GetValue<string>().Should().Be("partner_a");
        booked["format"]!.GetValue<string>().Should().Be("video");
        booked["videoLink"]!.GetValue<string>().Should().Be("https://meet.example/abc");
        booked["status"]!.GetValue<string>().Should().Be("booked");
        booked["noteToClients"]!.GetValue<string>().Should().Be("Please bring your calendars.");
        var list = await therapist.CoupleAppointmentsAsync(couple);
        list.AsArray().Select(a => a!.Id()).Should().Equal(booked.Id());
    }

    [Theory]
    [InlineData("durationMinutes", 10, "both", "in_person", null)]
    [InlineData("durationMinutes", 241, "both", "in_person", null)]
    [InlineData("attendees", 50, null, "in_person", null)]
    [InlineData("format", 50, "both", null, null)]
    [InlineData("videoLink", 50, "both", "video", "http://meet.example/plain")]
    [InlineData("videoLink", 50, "both", "video", "javascript:alert(1)")]
    [InlineData("videoLink", 50, "both", "in_person", "https://meet.example/abc")]
    public async Task Book_WithBadInput_Returns400NamingTheField(string field, int duration, string? attendees, string? format, string? link)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.TryBookAsync(couple,
            new { startsAt = factory.Local(2), durationMinutes = duration, attendees, format, videoLink = link });

        (await response.ErrorFieldsAsync()).Should().Contain(field);
    }

    [Theory]
    [InlineData("2030-01-01T17:00:00Z")]
    [InlineData("2030-01-01T17:00:00+01:00")]
    [InlineData("not a time")]
    [InlineData(null)]
    public async Task Book_WithAStartThatIsNotALocalTime_Returns400OnStartsAt(string? startsAt)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.TryBookAsync(couple, new { startsAt, durationMinutes = 50, attendees = "both", format = "in_person" });

        (await response.ErrorFieldsAsync()).Should().Contain("startsAt");
    }

    [Fact]
    public async Task Book_InThePast_Returns400OnStartsAt_AndAnOverlongNote400OnNoteToClients()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var past = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(-1)));
        var note = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(1), noteToClients: new string('x', 501)));

        (await past.ErrorFieldsAsync()).Should().Equal("startsAt");
        (await note.ErrorFieldsAsync()).Should().Equal("noteToClients");
    }

    [Fact]
    public async Task Book_ForAnotherTherapistsCouple_Returns404_AndAClosedCouple409()
    {
        var owner = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var closed = await owner.CreateCoupleAsync("Kim", "Lee");
        await owner.CloseCoupleAsync(closed);

        var foreign = await other.TryBookAsync(couple, NewAppointment(factory.Local(2)));
        var archived = await owner.TryBookAsync(closed, NewAppointment(factory.Local(2)));

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        archived.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await owner.CoupleAppointmentsAsync(closed)).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Book_OverlappingAnotherOfMyAppointments_Returns409_UntilConfirmed()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var first = await therapist.CreateCoupleAsync();
        var second = await therapist.CreateCoupleAsync("Kim", "Lee");
        var existing = await therapist.BookAsync(first, factory.Local(4, "17:00"));

        var clash = await therapist.TryBookAsync(second, NewAppointment(factory.Local(4, "17:30")));
        var adjacent = await therapist.TryBookAsync(second, NewAppointment(factory.Local(4, "17:50")));
        var confirmed = await therapist.TryBookAsync(second, NewAppointment(factory.Local(4, "17:30"), confirmOverlap: true));

        clash.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await clash.JsonAsync();
        problem["requiresOverlapConfirmation"]!.GetValue<bool>().Should().BeTrue();
        problem["overlappingAppointmentIds"]![0]!.GetValue<Guid>().Should().Be(existing.Id());
        adjacent.StatusCode.Should().Be(HttpStatusCode.Created, "back-to-back appointments do not overlap");
        confirmed.StatusCode.Should().Be(HttpStatusCode.Created);
        (await therapist.CoupleAppointmentsAsync(second)).AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Book_OverACancelledAppointment_IsNoClash_OnlyBookedOrHeldTakeTime()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var first = await therapist.CreateCoupleAsync();
        var second = await therapist.CreateCoupleAsync("Kim", "Lee");
        var cancelled = await therapist.BookAsync(first, factory.Local(5, "17:00"));
        await therapist.PatchAppointmentAsync(cancelled, new { version = cancelled.Version(), status = "cancelled" });

        var booked = await therapist.TryBookAsync(second, NewAppointment(factory.Local(5, "17:00")));

        booked.StatusCode.Should().Be(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Book_AnotherTherapistsAppointmentAtTheSameTime_IsNoOverlap()
    {
        var mine = await factory.SignedInTherapistAsync();
        var theirs = await factory.SignedInTherapistAsync();
        await theirs.BookAsync(await theirs.CreateCoupleAsync(), factory.Local(5));

        var response = await mine.TryBookAsync(await mine.CreateCoupleAsync(), NewAppointment(factory.Local(5)));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Book_JointWhileASafetyFlagIsOpen_Returns409_UntilConfirmed_AndTheConfirmationIsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var partner = await therapist.SignedInPartnerAsync(couple, 0);
        await therapist.RaiseFlagAsync(couple, partner);

        var joint = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(6)));
        var individual = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(6, "10:00"), "partner_a"));
        var confirmed = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(6), confirmSafety: true));

        joint.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await joint.JsonAsync())["requiresSafetyConfirmation"]!.GetValue<bool>().Should().BeTrue();
        individual.StatusCode.Should().Be(HttpStatusCode.Created, "an individual session is how work continues while joint work is paused");
        confirmed.StatusCode.Should().Be(HttpStatusCode.Created);
        var audit = await factory.AuditAsync(couple, "appointment.book.safety_confirmed");
        audit["items"]!.AsArray().Select(e => e!["resourceId"]!.GetValue<Guid>()).Should().Equal((await confirmed.JsonAsync()).Id());
    }

    [Fact]
    public async Task Book_JointWhileJointSessionsArePaused_Returns409_UntilConfirmed()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(paused: true));

        var joint = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(6)));
        var confirmed = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(6), confirmSafety: true));

        joint.StatusCode.Should().Be(HttpStatusCode.Conflict);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
