namespace Clinic.Api.Domain.Retention;

/// <summary>
/// How long a closed couple's record is kept (DESIGN §17): the practice's retention period counted from
/// the closing date, and a legal hold that keeps it past that date for as long as the hold stands.
/// </summary>
public static class RetentionRules
{
    public const int DefaultYears = 7;
    public const int MinYears = 1;
    public const int MaxYears = 30;
    public static readonly string YearsMessage =
        $"Keep closed records between {MinYears} and {MaxYears} years (commonly 6 to 10, by jurisdiction).";

    /// <summary>The first day the record may be purged: the closing date plus the period.</summary>
    public static DateOnly? RetainUntil(DateOnly? closedOn, int years) => closedOn?.AddYears(years);

    /// <summary>The latest closing date whose period has ended by <paramref name="today"/>.</summary>
    public static DateOnly ClosedOnOrBefore(DateOnly today, int years) => today.AddYears(-years);

    public static bool IsDue(DateOnly? closedOn, int years, DateOnly today) => RetainUntil(closedOn, years) is { } until && until <= today;
}

/// <summary>A couple's legal hold: one row once a hold was ever placed; releasing keeps the row with the hold off.</summary>
public sealed class CoupleRetention
{
    private CoupleRetention() { }

    public Guid CoupleId { get; private set; }
    public bool LegalHold { get; private set; }
    public string? HoldReason { get; private set; }
    public Guid ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public uint Version { get; private set; }

    public const int MaxReasonLength = 500;

    public static CoupleRetention For(Guid coupleId) => new() { CoupleId = coupleId };

    /// <summary>Places or releases the hold; a hold needs a reason, a release keeps none.</summary>
    public void Set(bool hold, string? reason, Guid by, DateTimeOffset now)
    {
        if (hold && string.IsNullOrWhiteSpace(reason))
            throw DomainRuleException.Invalid("reason", "Say why the record is held (a court order, a complaint, a request from the client…).");
        LegalHold = hold;
        HoldReason = hold ? reason!.Trim() : null;
        ChangedBy = by;
        ChangedAt = now;
    }
}
