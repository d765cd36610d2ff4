using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Retention;

namespace Clinic.Api.Features.Retention;

/// <summary>
/// A couple's place in the retention schedule (DESIGN §17). No clinical content: the name the purge must
/// be confirmed with, the therapist, the dates and the hold.
/// </summary>
public sealed record RetentionCoupleDto(
    Guid CoupleId,
    string DisplayName,
    string TherapistName,
    CoupleStatus Status,
    DateOnly? ClosedOn,
    /// <summary>The first day the record may be purged (closing date + the practice's retention years); null while open.</summary>
    DateOnly? RetainUntil,
    bool LegalHold,
    string? HoldReason,
    DateTimeOffset? HoldChangedAt,
    /// <summary>Closed, past its date and not held: the admin may purge it now.</summary>
    bool Purgeable);

/// <summary>What the purge removed: counts only, never what the rows held.</summary>
public sealed record PurgeResultDto(Guid CoupleId, DateTimeOffset PurgedAt, long RowsDeleted, int AccountsClosed);

internal static class RetentionViews
{
    public static RetentionCoupleDto Dto(Couple couple, string therapistName, CoupleRetention? retention, int years, DateOnly today)
    {
        var until = RetentionRules.RetainUntil(couple.ClosedOn, years);
        var held = retention?.LegalHold ?? false;
        return new RetentionCoupleDto(couple.Id, couple.DisplayName, therapistName, couple.Status, couple.ClosedOn, until,
            held, held ? retention!.HoldReason : null, retention?.ChangedAt,
            couple.IsClosed && !held && RetentionRules.IsDue(couple.ClosedOn, years, today));
    }
}
