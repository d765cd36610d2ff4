using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Features.Booking;

/// <summary>A booking request as a partner sees it: when, for whom, who has agreed, and whether it waits for them.</summary>
/// <param name="StartsAt">Local date-time in <paramref name="TimeZone"/>.</param>
/// <param name="AppointmentId">For a move, the appointment it moves; once booked, the appointment it made.</param>
/// <param name="WaitingForMe">It waits for my answer: confirm or decline.</param>
/// <param name="RequestedByMe">I asked for it (I can take it back with decline while it waits).</param>
public sealed record PortalBookingRequestDto(Guid Id, BookingRequestKind Kind, DateTime StartsAt, DateTime EndsAt, DateTimeOffset StartsAtUtc,
    string TimeZone, int DurationMinutes, Attendees Attendees, BookingRequestStatus Status, bool PartnerAConfirmed, bool PartnerBConfirmed,
    bool WaitingForMe, bool RequestedByMe, Guid? AppointmentId, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);

/// <summary>A booking request as the therapist sees it, with the couple's name.</summary>
public sealed record BookingRequestDto(Guid Id, Guid CoupleId, string CoupleDisplayName, BookingRequestKind Kind, DateTime StartsAt,
    DateTime EndsAt, DateTimeOffset StartsAtUtc, string TimeZone, int DurationMinutes, Attendees Attendees, BookingRequestStatus Status,
    bool PartnerAConfirmed, bool PartnerBConfirmed, PartnerLabel RequestedBy, Guid? AppointmentId, DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

internal static class BookingRequestViews
{
    public static TimeZoneInfo ZoneOf(BookingRequest r) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static PortalBookingRequestDto Portal(BookingRequest r, Partner me, DateTimeOffset now)
    {
        var zone = ZoneOf(r);
        return new PortalBookingRequestDto(r.Id, r.Kind, WallClock.ToLocal(r.StartsAt, zone), WallClock.ToLocal(r.EndsAt, zone), r.StartsAt,
            r.TimeZone, r.DurationMinutes, r.Attendees, r.StatusAt(now), r.PartnerAConfirmedAt is not null, r.PartnerBConfirmedAt is not null,
            r.WaitsFor(me.Label, now), r.RequestedBy == me.Id, r.AppointmentId, r.ExpiresAt, r.CreatedAt);
    }

    public static BookingRequestDto Therapist(BookingRequest r, Couple couple, DateTimeOffset now)
    {
        var zone = ZoneOf(r);
        return new BookingRequestDto(r.Id, r.CoupleId, couple.DisplayName, r.Kind, WallClock.ToLocal(r.StartsAt, zone),
            WallClock.ToLocal(r.EndsAt, zone), r.StartsAt, r.TimeZone, r.DurationMinutes, r.Attendees, r.StatusAt(now),
            r.PartnerAConfirmedAt is not null, r.PartnerBConfirmedAt is not null,
            couple.Partners.Single(p => p.Id == r.RequestedBy).Label, r.AppointmentId, r.ExpiresAt, r.CreatedAt, r.DecidedAt);
    }
}
