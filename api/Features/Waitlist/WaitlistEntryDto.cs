using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Waitlist;
using Clinic.Api.Features.Appointments;

namespace Clinic.Api.Features.Waitlist;

public sealed record WaitlistContactDto(string FirstName, string LastName, string Email, string? Phone);

/// <summary>The time offered to a waiting couple.</summary>
/// <param name="StartsAt">Local date-time in <paramref name="TimeZone"/>.</param>
/// <param name="State">valid (the link works), expired, used or withdrawn.</param>
public sealed record WaitlistOfferDto(DateTime StartsAt, DateTimeOffset StartsAtUtc, string TimeZone, int DurationMinutes, AppointmentFormat Format,
    ConfidentialityPolicy? Policy, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, WaitlistOfferState State);

/// <summary>A couple waiting to start: contact, preferences, a short non-clinical reason, and the offer made to them if any.</summary>
/// <param name="Status">waiting, offered (a link that still works is out), accepted (now a couple: <paramref name="CoupleId"/>) or removed.</param>
/// <param name="WaitingDays">Whole days since they were added (in the practice's zone).</param>
public sealed record WaitlistEntryDto(Guid Id, WaitlistContactDto PartnerA, WaitlistContactDto PartnerB, string HeardFrom,
    IReadOnlyList<DayOfWeek> PreferredDays, IReadOnlyList<DayPart> PreferredTimes, WaitlistUrgency Urgency, string Reason, string Notes,
    WaitlistStatus Status, DateTimeOffset AddedAt, int WaitingDays, WaitlistOfferDto? Offer, Guid? CoupleId, DateTimeOffset UpdatedAt, uint Version);

/// <summary>The therapist's waitlist, for the caseload's link: how many wait and since when.</summary>
/// <param name="OldestAddedAt">When the couple waiting longest was added; null when nobody waits.</param>
/// <param name="OldestWaitDays">Their wait in whole days.</param>
public sealed record WaitlistSummaryDto(int Count, DateTimeOffset? OldestAddedAt, int? OldestWaitDays, string Url);

internal static class WaitlistViews
{
    public static WaitlistEntryDto Dto(WaitlistEntry e, DateTimeOffset now, TimeZoneInfo zone)
    {
        WaitlistOfferDto? offer = null;
        if (e.OfferStartsAt is { } starts && e.OfferedAt is { } offeredAt)
        {
            var offerZone = TimeZoneInfo.TryFindSystemTimeZoneById(e.OfferTimeZone ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
            offer = new WaitlistOfferDto(WallClock.ToLocal(starts, offerZone), starts, e.OfferTimeZone ?? "UTC", e.OfferDurationMinutes ?? 0,
                e.OfferFormat ?? AppointmentFormat.InPerson, e.OfferPolicy, offeredAt, e.OfferExpiresAt ?? offeredAt, e.OfferStateAt(now));
        }
        return new WaitlistEntryDto(e.Id, Contact(e.PartnerA), Contact(e.PartnerB), e.HeardFrom, e.PreferredDays, e.PreferredTimes, e.Urgency,
            e.Reason, e.Notes, e.ShownStatusAt(now), e.AddedAt, DaysBetween(e.AddedAt, now, zone), offer, e.CoupleId, e.UpdatedAt, e.Version);
    }

    public static int DaysBetween(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime).DayNumber
        - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime).DayNumber;

    private static WaitlistContactDto Contact(WaitlistContact c) => new(c.FirstName, c.LastName, c.Email, c.Phone);
}
