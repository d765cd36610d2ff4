using System.Linq.Expressions;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Domain.Booking;

public enum BookingRequestKind { New, Move }

/// <summary>Stored states; <see cref="BookingRequestStatus.Expired"/> is never stored, it is read from the clock.</summary>
public enum BookingRequestStatus { AwaitingPartner, AwaitingTherapist, Booked, Declined, Expired }

/// <summary>
/// A partner asks for a time (DESIGN §16): a new appointment, or a new time for one they attend. Each partner who would
/// attend agrees first — the one who asks by asking, the other in their portal within 48 hours — and then it is booked,
/// at once or when the therapist approves (the therapist's <see cref="Availability.AutoApprove"/>). A request nobody
/// answered in time, or whose time has come, has expired.
/// </summary>
public sealed class BookingRequest
{
    public const int ConfirmWithinHours = 48;
    /// <summary>Requests a couple may have waiting at once, so a therapist's list cannot be flooded.</summary>
    public const int MaxPendingPerCouple = 3;

    private BookingRequest() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid TherapistId { get; private set; }
    public BookingRequestKind Kind { get; private set; }
    /// <summary>For a move, the appointment to move; for a new one, the appointment it became once booked.</summary>
    public Guid? AppointmentId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public int DurationMinutes { get; private set; }
    public Attendees Attendees { get; private set; }
    public Guid RequestedBy { get; private set; }
    public DateTimeOffset? PartnerAConfirmedAt { get; private set; }
    public DateTimeOffset? PartnerBConfirmedAt { get; private set; }
    public BookingRequestStatus Status { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>The user who approved or declined it (a partner's account or the therapist).</summary>
    public Guid? DecidedBy { get; private set; }
    public uint Version { get; private set; }

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
    public bool IsJoint => Attendees == Attendees.Both;

    public static BookingRequest Ask(Couple couple, Partner requester, Attendees attendees, DateTimeOffset startsAt, string timeZone,
        int durationMinutes, DateTimeOffset now, Appointment? moving = null)
    {
        couple.EnsureOpen();
        if (!Appointment.Attends(attendees, requester.Label))
            throw DomainRuleException.Invalid("attendees", "Ask for a time for both of you or for yourself.");
        var request = new BookingRequest
        {
            Id = Guid.NewGuid(), CoupleId = couple.Id, TherapistId = couple.TherapistId,
            Kind = moving is null ? BookingRequestKind.New : BookingRequestKind.Move, AppointmentId = moving?.Id,
            StartsAt = startsAt.ToUniversalTime(), TimeZone = timeZone, DurationMinutes = durationMinutes, Attendees = attendees,
            RequestedBy = requester.Id, Status = BookingRequestStatus.AwaitingPartner, CreatedAt = now,
            ExpiresAt = now.AddHours(ConfirmWithinHours),
        };
        request.Agree(requester.Label, now);
        return request;
    }

    public BookingRequestStatus StatusAt(DateTimeOffset now) =>
        (Status == BookingRequestStatus.AwaitingPartner && now >= ExpiresAt) || (IsPendingStatus(Status) && now >= StartsAt)
            ? BookingRequestStatus.Expired
            : Status;

    /// <summary>The SQL side of "still waiting" (<see cref="StatusAt"/> awaiting partner or therapist), for list queries.</summary>
    public static Expression<Func<BookingRequest, bool>> PendingAt(DateTimeOffset now) =>
        r => (r.Status == BookingRequestStatus.AwaitingPartner && r.ExpiresAt > now && r.StartsAt > now)
             || (r.Status == BookingRequestStatus.AwaitingTherapist && r.StartsAt > now);

    public bool AttendedBy(PartnerLabel label) => Appointment.Attends(Attendees, label);

    public DateTimeOffset? ConfirmedAt(PartnerLabel label) => label == PartnerLabel.PartnerA ? PartnerAConfirmedAt : PartnerBConfirmedAt;

    /// <summary>Whether this partner is the one the request waits for.</summary>
    public bool WaitsFor(PartnerLabel label, DateTimeOffset now) =>
        StatusAt(now) == BookingRequestStatus.AwaitingPartner && AttendedBy(label) && ConfirmedAt(label) is null;

    /// <summary>The other partner agrees; returns true when everyone who attends has now agreed.</summary>
    public bool Confirm(PartnerLabel label, DateTimeOffset now)
    {
        EnsureStatus(BookingRequestStatus.AwaitingPartner, now);
        if (!AttendedBy(label) || ConfirmedAt(label) is not null)
            throw DomainRuleException.Conflict("This request is not waiting for your answer.");
        Agree(label, now);
        return Status == BookingRequestStatus.AwaitingTherapist;
    }

    /// <summary>A partner who attends says no (or the one who asked takes it back); or the therapist declines.</summary>
    public void Decline(Guid by, DateTimeOffset now)
    {
        var status = StatusAt(now);
        if (!IsPendingStatus(status)) throw DomainRuleException.Conflict(ClosedMessage(status));
        Status = BookingRequestStatus.Declined;
        DecidedAt = now;
        DecidedBy = by;
    }

    /// <summary>Everyone agreed and the time was booked (or the appointment moved) as <paramref name="appointmentId"/>.</summary>
    public void MarkBooked(Guid appointmentId, Guid by, DateTimeOffset now)
    {
        EnsureStatus(BookingRequestStatus.AwaitingTherapist, now);
        Status = BookingRequestStatus.Booked;
        AppointmentId = appointmentId;
        DecidedAt = now;
        DecidedBy = by;
    }

    public void EnsureStatus(BookingRequestStatus expected, DateTimeOffset now)
    {
        var status = StatusAt(now);
        if (status == expected) return;
        throw DomainRuleException.Conflict(status == BookingRequestStatus.AwaitingPartner
            ? "This request is still waiting for a partner to agree."
            : ClosedMessage(status));
    }

    private void Agree(PartnerLabel label, DateTimeOffset now)
    {
        if (label == PartnerLabel.PartnerA) PartnerAConfirmedAt = now; else PartnerBConfirmedAt = now;
        var everyone = (!AttendedBy(PartnerLabel.PartnerA) || PartnerAConfirmedAt is not null)
                       && (!AttendedBy(PartnerLabel.PartnerB) || PartnerBConfirmedAt is not null);
        if (everyone) Status = BookingRequestStatus.AwaitingTherapist;
    }

    private static bool IsPendingStatus(BookingRequestStatus s) => s is BookingRequestStatus.AwaitingPartner or BookingRequestStatus.AwaitingTherapist;

    private static string ClosedMessage(BookingRequestStatus status) => status switch
    {
        BookingRequestStatus.Booked => "This request has already been booked.",
        BookingRequestStatus.Declined => "This request was declined.",
        BookingRequestStatus.Expired => "This request has expired. Choose a time again.",
        _ => "This request is waiting for the therapist.",
    };
}
