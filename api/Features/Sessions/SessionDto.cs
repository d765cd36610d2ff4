using System.Linq.Expressions;
using Clinic.Api.Domain.Sessions;

namespace Clinic.Api.Features.Sessions;

public sealed record CycleRatingDto(Guid PartnerId, CyclePosition Position, int Intensity);

public sealed record CycleDto(IReadOnlyList<CycleRatingDto> Partners, int EpisodesSinceLastSession, int PeakIntensity,
    int RepairMinutes, IReadOnlyList<string> Triggers, IReadOnlyList<string> Markers);

/// <summary>An amendment; one that corrected the cycle record carries the record before and after (before is null when there was none).</summary>
public sealed record AmendmentDto(Guid Id, string Text, Guid AuthorId, string AuthorName, DateTimeOffset CreatedAt,
    bool CorrectsCycle, CycleDto? CycleBefore, CycleDto? CycleAfter);

public sealed record SessionDto(Guid Id, Guid CoupleId, DateOnly Date, TimeOnly StartTime, int DurationMinutes,
    SessionFormat Format, Attendance Attendance, int EftStage, int EftStep, string Note, CycleDto? Cycle,
    DateTimeOffset? SignedAt, string? SignedByName, uint Version, IReadOnlyList<AmendmentDto> Amendments,
    DateTimeOffset? CycleCorrectedAt, Guid? AppointmentId, CoSignatureDto? CoSignature, bool DiscussInSupervision);

public enum CoSignatureStatus { Awaiting, Cosigned }

/// <summary>A trainee's signed session (DESIGN §18): awaiting the supervisor's co-signature, or co-signed by them and when; null when none is needed.</summary>
public sealed record CoSignatureDto(CoSignatureStatus Status, string? By, Guid? ById, DateTimeOffset? At)
{
    public static CoSignatureDto? Of(Session s) => !s.CosignRequired ? null
        : s.CosignedAt is null ? new(CoSignatureStatus.Awaiting, null, null, null)
        : new(CoSignatureStatus.Cosigned, s.CosignedByName, s.CosignedBy, s.CosignedAt);
}

public sealed record SessionSummaryDto(Guid Id, DateOnly Date, TimeOnly StartTime, int DurationMinutes, SessionFormat Format,
    Attendance Attendance, int EftStage, int EftStep, DateTimeOffset? SignedAt, bool AwaitingCosignature, bool DiscussInSupervision);

/// <summary>A session as the therapist reads it: the cycle record inside it, amendments oldest first.</summary>
internal static class SessionViews
{
    public static SessionDto ToDto(this Session s) => new(s.Id, s.CoupleId, s.Date, s.StartTime, s.DurationMinutes, s.Format,
        s.Attendance, s.EftStage, s.EftStep, s.Note, CycleSnapshot.Of(s.Cycle)?.ToDto(), s.SignedAt, s.SignedByName, s.Version,
        s.Amendments.OrderByDescending(a => a.CreatedAt).Select(ToDto).ToList(), s.CycleCorrectedAt, s.AppointmentId, CoSignatureDto.Of(s),
        s.DiscussInSupervision);

    private static AmendmentDto ToDto(SessionAmendment a) => new(a.Id, a.Text, a.AuthorId, a.AuthorName, a.CreatedAt,
        a.CorrectsCycle, CycleSnapshot.FromJson(a.CycleBefore)?.ToDto(), CycleSnapshot.FromJson(a.CycleAfter)?.ToDto());

    /// <summary>The live record and the values an amendment kept read the same way: both through the snapshot.</summary>
    private static CycleDto ToDto(this CycleSnapshot c) => new(
        c.Partners.Select(r => new CycleRatingDto(r.PartnerId, r.Position, r.Intensity)).ToList(),
        c.EpisodesSinceLastSession, c.PeakIntensity, c.RepairMinutes, c.Triggers.ToList(), c.Markers.ToList());

    /// <summary>For the list, as a query: PostgreSQL returns only these columns.</summary>
    public static readonly Expression<Func<Session, SessionSummaryDto>> Summary = s => new SessionSummaryDto(s.Id, s.Date,
        s.StartTime, s.DurationMinutes, s.Format, s.Attendance, s.EftStage, s.EftStep, s.SignedAt,
        s.CosignRequired && s.CosignedAt == null, s.DiscussInSupervision);
}
