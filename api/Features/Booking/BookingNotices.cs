using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Features.Appointments;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Booking;

internal enum TherapistNews { Booked, Moved, Cancelled, AwaitingApproval, FromWaitlist }

/// <summary>
/// Who hears about a booking request and how (DESIGN §10, §16). Partners get the one neutral "something new in your
/// portal" (a request waiting for them, a request declined); the therapist gets a short notice with the calendar file
/// when a client's booking lands in, moves within or leaves their calendar, or waits for their approval. Nothing names
/// a partner or says why; the time and the practice's name are all an email carries.
/// </summary>
internal sealed class BookingNotices(ClinicDbContext db, Outbox outbox, PortalNews news)
{
    public Task TellPartnerAsync(Partner partner, CancellationToken ct) => news.TellAsync(partner, ct);

    public async Task TellTherapistAsync(Appointment a, TherapistNews what, CancellationToken ct)
    {
        var email = await TherapistEmailAsync(a.TherapistId, ct);
        if (email is null) return;
        var writer = outbox.Writer;
        var when = AppointmentNotices.When(a);
        var (kind, subject, line) = what switch
        {
            TherapistNews.Booked => (MessageKinds.ClientBooked, $"New booking on {AppointmentNotices.ShortWhen(a)}",
                $"A client booked {when}, {a.DurationMinutes} minutes, through the portal."),
            TherapistNews.FromWaitlist => (MessageKinds.ClientBooked, $"New booking on {AppointmentNotices.ShortWhen(a)}",
                $"A couple from your waitlist accepted the time you offered, {when}, {a.DurationMinutes} minutes; they are on your caseload in intake."),
            TherapistNews.Moved => (MessageKinds.ClientMoved, $"A booking moved to {AppointmentNotices.ShortWhen(a)}",
                $"An appointment in your calendar is now on {when}, {a.DurationMinutes} minutes; the clients agreed to it in the portal."),
            _ => (MessageKinds.ClientCancelled, $"A booking on {AppointmentNotices.ShortWhen(a)} was cancelled",
                $"A client cancelled the appointment on {when} through the portal"
                + (a.Status == AppointmentStatus.LateCancelled ? ", inside your cancellation window (recorded as late)." : ".")),
        };
        var cancelled = what == TherapistNews.Cancelled;
        var text = new EmailText(subject, [line, "The calendar file attached updates the event in your calendar."], "Open your calendar",
            writer.PublicUrl + "/calendar",
            new EmailAttachment("appointment.ics", AppointmentCalendarFile.MediaType,
                AppointmentCalendarFile.Build(a, writer, cancelled, attendee: email, forTherapist: true), cancelled ? "CANCEL" : "REQUEST"));
        outbox.Send(kind, email, text, new Recipients(a.TherapistId, null, a.Id));
    }

    public async Task TellTherapistAwaitingApprovalAsync(BookingRequest request, CancellationToken ct)
    {
        var email = await TherapistEmailAsync(request.TherapistId, ct);
        if (email is null) return;
        var writer = outbox.Writer;
        outbox.Send(MessageKinds.BookingRequest, email, new EmailText("A booking request is waiting for you",
            ["Clients have asked for a time in your calendar and are waiting for your approval."],
            "Open your calendar", writer.PublicUrl + "/calendar"), new Recipients(request.TherapistId, null, request.Id));
    }

    private Task<string?> TherapistEmailAsync(Guid therapistId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == therapistId && u.Email != null).Select(u => u.Email).SingleOrDefaultAsync(ct);
}
