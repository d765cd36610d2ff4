using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using MimeKit;
using static Clinic.Api.Tests.Infrastructure.BookingBuilders;

namespace Clinic.Api.Tests.Features.Booking;

/// <summary>
/// Clients change their own bookings (DESIGN §16): before the therapist's cancellation window they move or cancel from the
/// portal; inside it a cancellation is recorded as late, and the portal says so first. Both partners and the therapist get
/// the change by email with the calendar file (same UID, higher SEQUENCE).
/// </summary>
public sealed class MyAppointmentChangeTests(LondonEmailFactory factory) : IClassFixture<LondonEmailFactory>
{
    private static string Email(JsonNode couple, int partner) => couple["partners"]![partner]!["email"]!.GetValue<string>();

    private async Task<(ApiClient Therapist, string TherapistEmail, JsonNode Couple, ApiClient Alex, ApiClient Sam, JsonNode Appointment)>
        BookedAsync(DateTimeOffset now, string startsAt)
    {
        factory.Clock.Set(now);
        var (_, therapistEmail) = await factory.CreateTherapistAsync();
        var therapist = await factory.SignInAsync(therapistEmail, Accounts.Password);
        await therapist.SetHoursAsync(Hours("09:00", "17:00", cancellationWindowHours: 24));
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var appointment = await therapist.BookAsync(couple, startsAt);
        await factory.Mail.WaitForAsync(Email(couple, 0), match: m => m.Subject!.StartsWith("Your appointment", StringComparison.Ordinal));
        return (therapist, therapistEmail, couple, alex, sam, appointment);
    }

    [Fact]
    public async Task CancellingBeforeTheWindow_IsACancellation_EmailedToBothPartnersAndTheTherapist_WithTheSameUidAndAHigherSequence()
    {
        var (_, therapistEmail, couple, alex, _, appointment) =
            await BookedAsync(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero), "2027-02-03T10:00");
        var mine = (await alex.GetJsonAsync("/api/portal/appointments")).AsArray().Single()!;

        var cancelled = await alex.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/portal/appointments/{appointment.Id()}/cancel");

        mine["changeableUntil"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2027, 2, 2, 10, 0, 0, TimeSpan.Zero));
        cancelled.Status().Should().Be("cancelled");
        foreach (var to in new[] { Email(couple, 0), Email(couple, 1), therapistEmail })
        {
            var message = (await factory.Mail.WaitForAsync(to, match: m => m.Subject!.Contains("cancelled"))).Single();
            var ics = Ics(message);
            ics.Should().Contain("METHOD:CANCEL").And.Contain($"UID:{appointment.Id()}@clinic").And.Contain("SEQUENCE:1")
                .And.Contain("STATUS:CANCELLED").And.Contain("ORGANIZER").And.Contain("TZID:Europe/London");
            EmailPrivacy.AssertNothingClinical(message, couple);
        }
        var original = (await factory.Mail.WaitForAsync(Email(couple, 1),
            match: m => m.Subject!.StartsWith("Your appointment", StringComparison.Ordinal) && !m.Subject.Contains("cancelled"))).Single();
        Ics(original).Should().Contain("SEQUENCE:0").And.Contain($"UID:{appointment.Id()}@clinic");
    }

    [Fact]
    public async Task CancellingInsideTheWindow_IsRefusedUntilAccepted_ThenRecordedAsLate()
    {
        var (therapist, therapistEmail, couple, _, sam, appointment) =
            await BookedAsync(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero), "2027-02-01T16:00");

        var first = await sam.PostAsync($"/api/portal/appointments/{appointment.Id()}/cancel");
        var accepted = await sam.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/portal/appointments/{appointment.Id()}/cancel",
            new { acceptLate = true });

        first.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await first.JsonAsync();
        problem["lateCancellation"]!.GetValue<bool>().Should().BeTrue();
        problem["detail"]!.GetValue<string>().Should().Contain("late cancellation");
        accepted.Status().Should().Be("late_cancelled");
        (await therapist.CoupleAppointmentsAsync(couple))[0]!.Status().Should().Be("late_cancelled");
        var notice = (await factory.Mail.WaitForAsync(therapistEmail, match: m => m.Subject!.Contains("cancelled"))).Single();
        notice.TextBody.Should().Contain("recorded as late");
    }

    [Fact]
    public async Task MovingBeforeTheWindow_WaitsForTheOtherPartner_ThenMovesTheSameAppointment_AndEmailsEveryone()
    {
        var (therapist, therapistEmail, couple, alex, sam, appointment) =
            await BookedAsync(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero), "2027-02-03T10:00");
        var slots = await alex.SlotsAsync(new DateOnly(2027, 2, 4), new DateOnly(2027, 2, 5));
        var target = slots["slots"]![1]!["startsAtUtc"]!.GetValue<DateTimeOffset>();

        var asked = await alex.PostAsync($"/api/portal/appointments/{appointment.Id()}/move", new { startsAt = target });
        var request = await asked.JsonAsync();
        var stillThere = await therapist.CoupleAppointmentsAsync(couple);
        var agreed = await (await sam.ConfirmAsync(request)).JsonAsync();
        var after = await therapist.CoupleAppointmentsAsync(couple);

        asked.StatusCode.Should().Be(HttpStatusCode.Created);
        request["kind"]!.GetValue<string>().Should().Be("move");
        request.Status().Should().Be("awaiting_partner");
        stillThere[0]!["startsAt"]!.GetValue<string>().Should().Be("2027-02-03T10:00:00");
        agreed.Status().Should().Be("booked");
        agreed["appointmentId"]!.GetValue<Guid>().Should().Be(appointment.Id());
        after.AsArray().Should().ContainSingle();
        after[0]!["startsAtUtc"]!.GetValue<DateTimeOffset>().Should().Be(target);
        after[0]!.Status().Should().Be("booked");
        foreach (var to in new[] { Email(couple, 0), Email(couple, 1), therapistEmail })
        {
            var moved = (await factory.Mail.WaitForAsync(to, match: m => m.Subject!.Contains("changed") || m.Subject!.Contains("moved"))).Single();
            Ics(moved).Should().Contain($"UID:{appointment.Id()}@clinic").And.Contain("SEQUENCE:1").And.Contain("DTSTART;TZID=Europe/London:20270204");
            EmailPrivacy.AssertNothingClinical(moved, couple);
        }
    }

    [Fact]
    public async Task MovingInsideTheWindow_SendsThePartnerToTheTherapist_AndThePartnersIndividualAppointmentIs404()
    {
        var (therapist, _, couple, alex, sam, appointment) =
            await BookedAsync(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero), "2027-02-01T16:00");
        var samsOwn = await therapist.BookAsync(couple, "2027-02-05T11:00", "partner_b");

        var move = await alex.PostAsync($"/api/portal/appointments/{appointment.Id()}/move", new { startsAt = London(2027, 2, 4, 9) });
        var notMine = await alex.PostAsync($"/api/portal/appointments/{samsOwn.Id()}/cancel");

        move.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await move.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("contact your therapist");
        notMine.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sam.GetJsonAsync("/api/portal/appointments")).AsArray().Select(a => a!.Status()).Should().Equal("booked", "booked");
    }

    [Fact]
    public async Task TheDownloadedCalendarFile_IsPublished_WithTheZoneAndTheOrganizer()
    {
        var (_, _, _, alex, _, appointment) = await BookedAsync(new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero), "2027-06-03T17:00");

        var ics = await (await alex.GetAsync($"/api/portal/appointments/{appointment.Id()}.ics")).Content.ReadAsStringAsync();

        ics.Should().Contain("METHOD:PUBLISH").And.Contain("BEGIN:VTIMEZONE").And.Contain("TZID:Europe/London")
            .And.Contain("DTSTART;TZID=Europe/London:20270603T170000")
            .And.Contain($"ORGANIZER;CN={EmailApiFactory.PracticeName}:mailto:hello@harbour.test").And.NotContain("ATTENDEE");
    }

    private static string Ics(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
