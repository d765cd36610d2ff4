using Clinic.Api.Tests.Infrastructure;
using MimeKit;

namespace Clinic.Api.Tests.Features.Email;

public sealed class AppointmentEmailTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    private static string Email(System.Text.Json.Nodes.JsonNode couple, int partner) =>
        couple["partners"]![partner]!["email"]!.GetValue<string>();

    [Fact]
    public async Task Booking_EmailsEachAttendingPartner_WithTheCalendarFile_AndNothingClinical()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Local(3), "both", 50, "video", "https://meet.example/room",
            "Private: we will talk about the affair.");

        var toA = (await factory.Mail.WaitForAsync(Email(couple, 0)))[0];
        var toB = (await factory.Mail.WaitForAsync(Email(couple, 1)))[0];

        toA.Subject.Should().Contain(EmailApiFactory.PracticeName);
        toA.From.Mailboxes.Single().Address.Should().Be("hello@harbour.test");
        toA.MessageId.Should().NotBeNullOrEmpty();
        toB.MessageId.Should().NotBe(toA.MessageId, "each partner gets a message of their own");
        toA.TextBody.Should().Contain(EmailApiFactory.PublicUrl + "/login").And.Contain("50 minutes by video");
        var ics = toA.Attachments.OfType<MimePart>().Single(a => a.ContentType.MediaType == "text");
        ics.ContentType.MimeType.Should().Be("text/calendar");
        ics.ContentType.Parameters["method"].Should().Be("REQUEST");
        var icsText = Decode(ics);
        icsText.Should().Contain($"UID:{booked.Id()}@clinic").And.Contain("https://meet.example/room");
        foreach (var message in new[] { toA, toB }) EmailPrivacy.AssertNothingClinical(message, couple);
    }

    [Fact]
    public async Task AnIndividualAppointment_IsEmailedOnlyToThePartnerWhoAttends()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        await therapist.BookAsync(couple, factory.Local(3), "partner_b");
        await therapist.BookAsync(couple, factory.Local(4), "both");

        await factory.Mail.WaitForAsync(Email(couple, 1), 2);
        (await factory.Mail.WaitForAsync(Email(couple, 0))).Should().HaveCount(1, "partner A only hears of the joint appointment");
    }

    [Fact]
    public async Task MovingAndCancelling_AreEmailed_WithAnUpdatedAndACancellingCalendarFile()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var booked = await therapist.BookAsync(couple, factory.Local(3), "partner_a");
        var moved = await (await therapist.PatchAppointmentAsync(booked, new { version = booked.Version(), startsAt = factory.Local(5, "09:00") })).JsonAsync();
        await therapist.PatchAppointmentAsync(moved, new { version = moved.Version(), status = "cancelled" });

        var messages = await factory.Mail.WaitForAsync(Email(couple, 0), 3);

        var changed = messages.Single(m => m.Subject!.Contains("has changed"));
        changed.TextBody.Should().Contain("09:00");
        Decode(changed.Attachments.OfType<MimePart>().Single()).Should().Contain("SEQUENCE:1");
        var cancelled = messages.Single(m => m.Subject!.Contains("cancelled"));
        var cancelIcs = cancelled.Attachments.OfType<MimePart>().Single();
        cancelIcs.ContentType.Parameters["method"].Should().Be("CANCEL");
        Decode(cancelIcs).Should().Contain("STATUS:CANCELLED").And.Contain("SEQUENCE:2");
    }

    [Fact]
    public async Task TheReminder_Goes24HoursBefore_AndACancelledAppointmentsReminderNever()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Rae", "Jo");
        var kept = await therapist.BookAsync(couple, factory.Local(2, "18:00"), "partner_a");
        var dropped = await therapist.BookAsync(couple, factory.Local(2, "20:00"), "partner_b");
        await therapist.PatchAppointmentAsync(dropped, new { version = dropped.Version(), status = "cancelled" });
        await factory.Mail.WaitForAsync(Email(couple, 1), 2); // booked, cancelled

        // To 21 hours before the first: past its reminder's due time (24 h before) and the dropped one's (22 h before it).
        factory.Clock.Advance(kept["startsAtUtc"]!.GetValue<DateTimeOffset>().AddHours(-21) - factory.Clock.GetUtcNow());

        var reminder = (await factory.Mail.WaitForAsync(Email(couple, 0), 2)).Single(m => m.Subject!.StartsWith("A reminder"));
        reminder.TextBody.Should().Contain(AppointmentLocal(kept));
        reminder.Headers["List-Unsubscribe"].Should().Contain("/api/notifications/unsubscribe?token=");
        reminder.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
        await Task.Delay(1500);
        factory.Mail.To(Email(couple, 1)).Should().HaveCount(2, "the cancelled appointment's reminder was withdrawn");
        EmailPrivacy.AssertNothingClinical(reminder, couple);
    }

    private static string AppointmentLocal(System.Text.Json.Nodes.JsonNode appointment) =>
        appointment["startsAt"]!.GetValue<string>()[11..16];

    private static string Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
