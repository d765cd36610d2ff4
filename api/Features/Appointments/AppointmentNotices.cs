using System.Globalization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.Appointments;

/// <summary>
/// What the partners who attend an appointment are told, and when: booked, moved and cancelled
/// notices with the calendar file, and a reminder before it. Each goes into the outbox with the
/// change, so a booking and its email are stored together or not at all. Plain and warm, with the
/// practice's name and a sign-in link; never the note, never a partner's name.
/// </summary>
internal sealed class AppointmentNotices(Outbox outbox, TimeProvider clock, IOptions<EmailOptions> options)
{
    public static readonly string[] ReminderKinds = [MessageKinds.AppointmentReminder];

    public void Booked(Appointment a, Couple couple)
    {
        foreach (var partner in Attending(a, couple)) Notify(MessageKinds.AppointmentBooked, a, partner);
        ScheduleReminders(a, couple);
    }

    /// <summary>Time, length, format or who attends changed: each partner hears what concerns them.</summary>
    public async Task ChangedAsync(Appointment a, Attendees before, bool whenOrHowChanged, Couple couple, CancellationToken ct)
    {
        foreach (var partner in couple.Partners)
        {
            var was = Appointment.Attends(before, partner.Label);
            var @is = a.IsAttendedBy(partner.Label);
            if (was && !@is) Notify(MessageKinds.AppointmentCancelled, a, partner, cancelled: true);
            else if (!was && @is) Notify(MessageKinds.AppointmentBooked, a, partner);
            else if (@is && whenOrHowChanged) Notify(MessageKinds.AppointmentMoved, a, partner);
        }
        await outbox.CancelPendingAsync(a.Id, ReminderKinds, ct);
        ScheduleReminders(a, couple);
    }

    public async Task ClosedAsync(Appointment a, Couple couple, CancellationToken ct)
    {
        if (a.Status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled)
            foreach (var partner in Attending(a, couple)) Notify(MessageKinds.AppointmentCancelled, a, partner, cancelled: true);
        await outbox.CancelPendingAsync(a.Id, ReminderKinds, ct);
    }

    public Task HeldAsync(Appointment a, CancellationToken ct) => outbox.CancelPendingAsync(a.Id, ReminderKinds, ct);

    private void ScheduleReminders(Appointment a, Couple couple)
    {
        var due = a.StartsAt.AddHours(-options.Value.AppointmentReminderHours);
        if (due <= clock.GetUtcNow()) return; // booked at short notice: the booking email is the reminder
        foreach (var partner in Attending(a, couple))
            outbox.Remind(MessageKinds.AppointmentReminder, partner.Email, due, new Recipients(partner.UserId, partner.Id, a.Id));
    }

    private void Notify(string kind, Appointment a, Partner partner, bool cancelled = false)
    {
        var writer = outbox.Writer;
        var when = When(a);
        var how = a.Format == AppointmentFormat.Video ? "by video" : "in person";
        var text = kind switch
        {
            MessageKinds.AppointmentBooked => new EmailText($"Your appointment with {writer.PracticeName} on {ShortWhen(a)}",
                [$"Your appointment with {writer.PracticeName} is booked for {when}, {a.DurationMinutes} minutes {how}.",
                 "The calendar file attached adds it to your calendar. You can always see your appointments in your portal."],
                "Open your portal", writer.SignInUrl),
            MessageKinds.AppointmentMoved => new EmailText($"Your appointment with {writer.PracticeName} has changed",
                [$"Your appointment with {writer.PracticeName} is now on {when}, {a.DurationMinutes} minutes {how}.",
                 "The calendar file attached updates the one in your calendar."],
                "Open your portal", writer.SignInUrl),
            _ => new EmailText($"Your appointment with {writer.PracticeName} on {ShortWhen(a)} is cancelled",
                [$"Your appointment with {writer.PracticeName} on {when} is cancelled.",
                 "The calendar file attached removes it from your calendar. If you would like a new time, please get in touch with your therapist."],
                "Open your portal", writer.SignInUrl),
        };
        text = text with
        {
            Attachment = new EmailAttachment("appointment.ics", AppointmentCalendarFile.MediaType,
                AppointmentCalendarFile.Build(a, writer, cancelled, attendee: partner.Email), cancelled ? "CANCEL" : "REQUEST"),
        };
        outbox.Send(kind, partner.Email, text, new Recipients(partner.UserId, partner.Id, a.Id));
    }

    private static IEnumerable<Partner> Attending(Appointment a, Couple couple) => couple.Partners.Where(p => a.IsAttendedBy(p.Label));

    public static string When(Appointment a)
    {
        var local = WallClock.ToLocal(a.StartsAt, AppointmentViews.ZoneOf(a));
        var zone = a.TimeZone == "UTC" ? "UTC" : $"{a.TimeZone} time";
        return local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({zone})";
    }

    public static string ShortWhen(Appointment a) =>
        WallClock.ToLocal(a.StartsAt, AppointmentViews.ZoneOf(a)).ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>The reminder before an appointment, composed when due: skipped if it was cancelled, moved or held since.</summary>
internal sealed class AppointmentReminder(ClinicDbContext db, EmailWriter writer, TimeProvider clock) : IReminderKind
{
    public string Kind => MessageKinds.AppointmentReminder;
    public ReminderChoice? Choice => ReminderChoice.AppointmentReminders;

    public async Task<ReminderOutcome> ComposeAsync(OutboxMessage reminder, CancellationToken ct)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == reminder.AboutId, ct);
        if (appointment is null || !appointment.IsBooked) return new ReminderOutcome.Skip("The appointment is no longer booked.");
        if (appointment.StartsAt <= clock.GetUtcNow()) return new ReminderOutcome.Skip("The appointment has started.");
        var how = appointment.Format == AppointmentFormat.Video ? "by video" : "in person";
        return new ReminderOutcome.Send(new EmailText($"A reminder of your appointment on {AppointmentNotices.ShortWhen(appointment)}",
            [$"A friendly reminder that your appointment with {writer.PracticeName} is on {AppointmentNotices.When(appointment)}, {appointment.DurationMinutes} minutes {how}.",
             "If you can no longer come, please let your therapist know as soon as you can."],
            "Open your portal", writer.SignInUrl));
    }
}
