using System.Buffers.Text;
using System.Security.Cryptography;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Domain.Waitlist;

public enum WaitlistUrgency { Routine, Soon, Urgent }

/// <summary>Stored states; "offered" is read from a live offer (<see cref="WaitlistEntry.ShownStatusAt"/>).</summary>
public enum WaitlistStatus { Waiting, Offered, Accepted, Removed }

public enum DayPart { Morning, Afternoon, Evening }

public enum WaitlistOfferState { Valid, Expired, Used, Withdrawn }

/// <summary>One partner's contact details on the waitlist (no portal account yet).</summary>
public sealed record WaitlistContact(string FirstName, string LastName, string Email, string? Phone);

/// <summary>What the therapist writes about a couple waiting: contact, preferences and a short, non-clinical reason.</summary>
public sealed record WaitlistDetails(WaitlistContact PartnerA, WaitlistContact PartnerB, string HeardFrom, IReadOnlyList<DayOfWeek> PreferredDays,
    IReadOnlyList<DayPart> PreferredTimes, WaitlistUrgency Urgency, string Reason, string Notes);

/// <summary>The time offered to a couple on the waitlist.</summary>
public sealed record WaitlistOfferDetails(DateTimeOffset StartsAt, string TimeZone, int DurationMinutes, AppointmentFormat Format,
    ConfidentialityPolicy? Policy, bool OverlapConfirmed);

/// <summary>
/// A couple waiting to start with one therapist (DESIGN §16). The therapist offers a time: both partners get a link that
/// works once and until <see cref="OfferExpiresAt"/> (48 hours, or the offered time if sooner); a newer offer replaces
/// the earlier one. Accepting makes the couple (in intake, with the appointment booked); the entry keeps the couple's id.
/// Nothing here is clinical: a short reason, never a history.
/// </summary>
public sealed class WaitlistEntry
{
    public const int OfferValidHours = 48;
    public const int MaxReasonLength = 200;
    public const int MaxNotesLength = 2000;
    public const int MaxHeardFromLength = 200;
    public const string LinkInvalidMessage =
        "This link is not valid any more: it was used, has expired or was replaced by a newer offer. Please contact the practice.";

    private WaitlistEntry() { }

    public Guid Id { get; private set; }
    public Guid TherapistId { get; private set; }
    public string PartnerAFirstName { get; private set; } = "";
    public string PartnerALastName { get; private set; } = "";
    public string PartnerAEmail { get; private set; } = "";
    public string? PartnerAPhone { get; private set; }
    public string PartnerBFirstName { get; private set; } = "";
    public string PartnerBLastName { get; private set; } = "";
    public string PartnerBEmail { get; private set; } = "";
    public string? PartnerBPhone { get; private set; }
    public string HeardFrom { get; private set; } = "";
    public List<DayOfWeek> PreferredDays { get; private set; } = [];
    public List<DayPart> PreferredTimes { get; private set; } = [];
    public WaitlistUrgency Urgency { get; private set; }
    public string Reason { get; private set; } = "";
    public string Notes { get; private set; } = "";
    /// <summary>Waiting, Accepted or Removed (never Offered: see <see cref="ShownStatusAt"/>).</summary>
    public WaitlistStatus Status { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? OfferStartsAt { get; private set; }
    public string? OfferTimeZone { get; private set; }
    public int? OfferDurationMinutes { get; private set; }
    public AppointmentFormat? OfferFormat { get; private set; }
    public ConfidentialityPolicy? OfferPolicy { get; private set; }
    public bool OfferOverlapConfirmed { get; private set; }
    public string? OfferTokenHash { get; private set; }
    public DateTimeOffset? OfferedAt { get; private set; }
    public DateTimeOffset? OfferExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? CoupleId { get; private set; }
    public uint Version { get; private set; }

    public WaitlistContact PartnerA => new(PartnerAFirstName, PartnerALastName, PartnerAEmail, PartnerAPhone);
    public WaitlistContact PartnerB => new(PartnerBFirstName, PartnerBLastName, PartnerBEmail, PartnerBPhone);

    public static WaitlistEntry Add(Guid therapistId, WaitlistDetails details, DateTimeOffset now)
    {
        var entry = new WaitlistEntry { Id = Guid.NewGuid(), TherapistId = therapistId, Status = WaitlistStatus.Waiting, AddedAt = now };
        entry.Describe(details, now);
        return entry;
    }

    public void Describe(WaitlistDetails details, DateTimeOffset now)
    {
        EnsureNotAccepted();
        if (string.Equals(details.PartnerA.Email.Trim(), details.PartnerB.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            throw DomainRuleException.Invalid("partnerB.email", "The two partners need different emails.");
        (PartnerAFirstName, PartnerALastName, PartnerAEmail, PartnerAPhone) = Clean(details.PartnerA);
        (PartnerBFirstName, PartnerBLastName, PartnerBEmail, PartnerBPhone) = Clean(details.PartnerB);
        HeardFrom = details.HeardFrom.Trim();
        PreferredDays = details.PreferredDays.Distinct().Order().ToList();
        PreferredTimes = details.PreferredTimes.Distinct().Order().ToList();
        Urgency = details.Urgency;
        Reason = details.Reason.Trim();
        Notes = details.Notes.Trim();
        UpdatedAt = now;
    }

    /// <summary>Off the list (nothing is deleted), or back on it; a live offer is withdrawn with the removal.</summary>
    public void SetStatus(WaitlistStatus status, DateTimeOffset now)
    {
        if (status == Status || (status == WaitlistStatus.Offered && ShownStatusAt(now) == WaitlistStatus.Offered)) return;
        EnsureNotAccepted();
        switch (status)
        {
            case WaitlistStatus.Removed:
                Status = WaitlistStatus.Removed;
                OfferTokenHash = null;
                OfferStartsAt = null;
                break;
            case WaitlistStatus.Waiting:
                Status = WaitlistStatus.Waiting;
                break;
            default:
                throw DomainRuleException.Invalid("status", "Set status to waiting or removed; an offer is made with …/offer and accepted by the couple.");
        }
        UpdatedAt = now;
    }

    /// <summary>
    /// Offers a time: returns the link's token (only its hash is kept). A newer offer replaces the earlier one, whose
    /// link stops working.
    /// </summary>
    public string Offer(WaitlistOfferDetails offer, DateTimeOffset now)
    {
        EnsureNotAccepted();
        if (Status == WaitlistStatus.Removed)
            throw DomainRuleException.Conflict("This couple was removed from the waitlist: put them back on it (status waiting) before offering a time.");
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        OfferStartsAt = offer.StartsAt.ToUniversalTime();
        OfferTimeZone = offer.TimeZone;
        OfferDurationMinutes = offer.DurationMinutes;
        OfferFormat = offer.Format;
        OfferPolicy = offer.Policy;
        OfferOverlapConfirmed = offer.OverlapConfirmed;
        OfferTokenHash = Users.Invitation.Hash(token);
        OfferedAt = now;
        var validFor = now.AddHours(OfferValidHours);
        OfferExpiresAt = validFor < OfferStartsAt ? validFor : OfferStartsAt;
        UpdatedAt = now;
        return token;
    }

    public WaitlistOfferState OfferStateAt(DateTimeOffset now) =>
        Status == WaitlistStatus.Accepted ? WaitlistOfferState.Used
        : Status == WaitlistStatus.Removed || OfferTokenHash is null ? WaitlistOfferState.Withdrawn
        : now >= OfferExpiresAt ? WaitlistOfferState.Expired
        : WaitlistOfferState.Valid;

    public WaitlistStatus ShownStatusAt(DateTimeOffset now) =>
        Status == WaitlistStatus.Waiting && OfferStateAt(now) == WaitlistOfferState.Valid ? WaitlistStatus.Offered : Status;

    /// <summary>The couple accepted the offer: the entry is done, and names the couple made from it.</summary>
    public void Accept(Couple couple, DateTimeOffset now)
    {
        if (OfferStateAt(now) != WaitlistOfferState.Valid) throw DomainRuleException.Invalid("token", LinkInvalidMessage);
        Status = WaitlistStatus.Accepted;
        CoupleId = couple.Id;
        AcceptedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The couple this entry becomes: its partners' details as written here.</summary>
    public PartnerDetails DetailsOf(PartnerLabel label)
    {
        var contact = label == PartnerLabel.PartnerA ? PartnerA : PartnerB;
        return new PartnerDetails(contact.FirstName, contact.LastName, contact.Email, null);
    }

    private void EnsureNotAccepted()
    {
        if (Status == WaitlistStatus.Accepted)
            throw DomainRuleException.Conflict("This couple accepted an offer and is on your caseload now: the waitlist entry is closed.");
    }

    private static (string, string, string, string?) Clean(WaitlistContact c) =>
        (c.FirstName.Trim(), c.LastName.Trim(), Partner.NormaliseEmail(c.Email), string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim());
}
