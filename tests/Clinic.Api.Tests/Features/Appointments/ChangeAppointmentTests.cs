using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AppointmentBuilders;

namespace Clinic.Api.Tests.Features.Appointments;

public sealed class ChangeAppointmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Patch_MovesTheAppointment_AndAStaleVersionIs409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Local(3));

        var moved = await (await therapist.PatchAppointmentAsync(booked,
            new { version = booked.Version(), startsAt = factory.Local(4, "09:30"), durationMinutes = 80 })).JsonAsync();
        var stale = await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), durationMinutes = 60 });

        moved["startsAt"]!.GetValue<string>().Should().Be(factory.Local(4, "09:30") + ":00");
        moved["durationMinutes"]!.GetValue<int>().Should().Be(80);
        moved.Version().Should().NotBe(booked.Version());
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await therapist.CoupleAppointmentsAsync(couple))[0]!["durationMinutes"]!.GetValue<int>().Should().Be(80);
    }

    [Fact]
    public async Task Patch_Cancel_ClosesTheAppointment_WhichThenTakesNoChange()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Local(3));

        var cancelled = await (await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), status = "late_cancelled" })).JsonAsync();
        var again = await therapist.PatchAppointmentAsync(cancelled, new { version = cancelled.Version(), durationMinutes = 60 });

        cancelled["status"]!.GetValue<string>().Should().Be("late_cancelled");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await factory.AuditAsync(couple, "appointment.late_cancelled"))["items"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Patch_CancellingFreesTheTime_ForAnotherBookingWithoutConfirmation()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Local(3));
        await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), status = "cancelled" });

        var rebooked = await therapist.TryBookAsync(couple, NewAppointment(factory.Local(3)));

        rebooked.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("held")]
    [InlineData("booked")]
    [InlineData("vanished")]
    public async Task Patch_WithAStatusThatIsNotAnOutcome_Returns400OnStatus(string status)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var booked = await therapist.BookAsync(await therapist.CreateCoupleAsync(), factory.Local(3));

        var response = await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), status });

        (await response.ErrorFieldsAsync()).Should().Contain("status");
    }

    [Fact]
    public async Task Patch_WithoutVersion_Or_StatusWithOtherChanges_Or_NoShowBeforeTheDay_Is400()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var booked = await therapist.BookAsync(await therapist.CreateCoupleAsync(), factory.Local(3));

        var noVersion = await therapist.PatchAppointmentAsync(booked, new { durationMinutes = 60 });
        var mixed = await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), status = "cancelled", durationMinutes = 60 });
        var early = await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), status = "no_show" });
        var badTime = await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), startsAt = factory.Local(-2) });

        (await noVersion.ErrorFieldsAsync()).Should().Contain("version");
        (await mixed.ErrorFieldsAsync()).Should().Contain("status");
        (await early.ErrorFieldsAsync()).Should().Contain("status");
        (await badTime.ErrorFieldsAsync()).Should().Contain("startsAt");
    }

    [Fact]
    public async Task Patch_MovingOntoAnotherAppointment_Is409_UnlessConfirmed_AndChangingToJointPassesTheSafetyGate()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.BookAsync(couple, factory.Local(3, "10:00"));
        var individual = await therapist.BookAsync(couple, factory.Local(3, "12:00"), "partner_b");
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true));

        var onto = await therapist.PatchAppointmentAsync(individual, new { version = individual.Version(), startsAt = factory.Local(3, "10:30") });
        var joint = await therapist.PatchAppointmentAsync(individual, new { version = individual.Version(), attendees = "both" });
        var confirmed = await therapist.PatchAppointmentAsync(individual, new { version = individual.Version(), attendees = "both", confirmSafety = true });

        onto.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await onto.JsonAsync())["requiresOverlapConfirmation"]!.GetValue<bool>().Should().BeTrue();
        joint.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await joint.JsonAsync())["requiresSafetyConfirmation"]!.GetValue<bool>().Should().BeTrue();
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.AuditAsync(couple, "appointment.change.safety_confirmed"))["items"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task PatchAndHold_AnotherTherapistsAppointment_Return404()
    {
        var owner = await factory.SignedInTherapistAsync();
        var other = await factory.SignedInTherapistAsync();
        var booked = await owner.BookAsync(await owner.CreateCoupleAsync(), factory.Local(3));

        var patch = await other.PatchAppointmentAsync(booked, new { version = booked.Version(), status = "cancelled" });
        var hold = await other.PostAsync($"/api/appointments/{booked.Id()}/hold");

        patch.StatusCode.Should().Be(HttpStatusCode.NotFound);
        hold.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
