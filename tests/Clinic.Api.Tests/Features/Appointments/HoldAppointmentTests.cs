using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Appointments;

public sealed class HoldAppointmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Hold_OnTheDay_MarksItHeld_AndReturnsTheSessionFormPrefilled()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        // An hour ahead, on today's date unless that crosses midnight: then tomorrow's, held once the clock reaches it.
        var start = factory.Clock.GetUtcNow().AddMinutes(61);
        var booked = await therapist.BookAsync(couple, start.ToString("yyyy-MM-ddTHH:mm"), "partner_b", 45, "video", "https://meet.example/x");
        factory.Clock.Advance(TimeSpan.FromMinutes(62));
        therapist = await factory.SignInAsync(email, Accounts.Password); // the session has idled out meanwhile

        var draft = await therapist.HoldAsync(booked);
        var again = await therapist.HoldAsync(booked);

        draft["appointmentId"]!.GetValue<Guid>().Should().Be(booked.Id());
        draft["coupleId"]!.GetValue<Guid>().Should().Be(couple.Id());
        draft["date"]!.GetValue<string>().Should().Be(start.ToString("yyyy-MM-dd"));
        draft["startTime"]!.GetValue<string>().Should().Be(start.ToString("HH:mm"));
        draft["durationMinutes"]!.GetValue<int>().Should().Be(45);
        draft["format"]!.GetValue<string>().Should().Be("video");
        draft["attendance"]!.GetValue<string>().Should().Be("partner_b");
        again.ToJsonString().Should().Be(draft.ToJsonString());
        (await therapist.CoupleAppointmentsAsync(couple))[0]!["status"]!.GetValue<string>().Should().Be("held");
    }

    [Fact]
    public async Task Hold_BeforeItsDay_Or_ACancelledOne_Is409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var future = await therapist.BookAsync(couple, factory.Local(5));
        var cancelled = await therapist.BookAsync(couple, factory.Local(6));
        await therapist.PatchAppointmentAsync(cancelled, new { version = cancelled.Version(), status = "cancelled" });

        var early = await therapist.PostAsync($"/api/appointments/{future.Id()}/hold");
        var gone = await therapist.PostAsync($"/api/appointments/{cancelled.Id()}/hold");

        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        gone.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnderWay_IsNotNext_AndTheListSaysWhatCanBeHeldToday_AsHoldingDoes()
    {
        var (_, email) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(email, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        // Under way once the clock has moved on an hour (50 minutes long); the other three days later.
        var start = factory.Clock.GetUtcNow().AddMinutes(61);
        var underWay = await therapist.BookAsync(couple, start.ToString("yyyy-MM-ddTHH:mm"));
        var later = await therapist.BookAsync(couple, factory.Local(3));
        factory.Clock.Advance(TimeSpan.FromMinutes(62));
        therapist = await factory.SignInAsync(email, Accounts.Password);
        var alex = await therapist.SignedInPartnerAsync(couple, 0);

        var list = await therapist.CoupleAppointmentsAsync(couple);
        var portal = await alex.GetJsonAsync("/api/portal/appointments");
        var row = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/caseload-row");
        var early = await therapist.PostAsync($"/api/appointments/{later.Id()}/hold");
        var held = await therapist.HoldAsync(underWay);
        var afterHold = await therapist.CoupleAppointmentsAsync(couple);

        bool CanBeHeld(JsonNode items, JsonNode appointment) =>
            items.AsArray().Single(a => a!.Id() == appointment.Id())!["canBeHeldToday"]!.GetValue<bool>();
        CanBeHeld(list, underWay).Should().BeTrue("its day has come");
        CanBeHeld(list, later).Should().BeFalse("its day has not come");
        early.StatusCode.Should().Be(HttpStatusCode.Conflict, "the list said it cannot be held yet");
        held["appointmentId"]!.GetValue<Guid>().Should().Be(underWay.Id());
        CanBeHeld(afterHold, underWay).Should().BeTrue("held already: holding again returns its draft");
        portal.AsArray().Select(a => a!.Id()).Should().Equal(underWay.Id(), later.Id());
        portal.AsArray().Select(a => a!["isNext"]!.GetValue<bool>()).Should().Equal([false, true], "one under way is not next");
        row["nextSessionOn"]!.GetValue<string>().Should().Be(factory.Today().AddDays(3).ToString("yyyy-MM-dd"));
    }
}
