using System.Linq.Expressions;
using Clinic.Api.Domain.Sessions;

namespace Clinic.Api.Features.Sessions;

public sealed record CycleRatingDto(Guid PartnerId, CyclePosition Position, int Intensity);

public sealed record CycleDto(IReadOnlyList<CycleRatingDto> Partners, int EpisodesSinceLastSession, int PeakIntensity,
    int RepairMinutes, IReadOnlyList<string> Triggers, IReadOnlyList<string> Markers);

/// <summary>An amendment; one that corrected the cycle record carries the record before and after (before is null when there was none).</summary>
public sealed record AmendmentDto(Guid Id, string Text, Guid AuthorId, string AuthorName, DateTimeOffset CreatedAt,
    bool CorrectsCycle, CycleDto? CycleBefore, CycleDto? CycleAfter);

/// <summary>A Tango move used in the session (one of the five the session form lists) with the therapist's note.</summary>
public sealed record TangoMoveDto(string Move, string Note);

/// <summary>A segment marked as an excerpt candidate: its stage and time stamps into the recording; where the recording is kept is in the note.</summary>
public sealed record ExcerptCandidateDto(int Stage, string StartsAt, string EndsAt, string Note);

public sealed record SessionDto(Guid Id, Guid CoupleId, DateOnly Date, TimeOnly StartTime, int DurationMinutes,
    SessionFormat Format, Attendance Attendance, int EftStage, int EftStep, string Note, CycleDto? Cycle,
    DateTimeOffset? SignedAt, string? SignedByName, uint Version, IReadOnlyList<AmendmentDto> Amendments,
    DateTimeOffset? CycleCorrectedAt, Guid? AppointmentId, CoSignatureDto? CoSignature, bool DiscussInSupervision,
    IReadOnlyList<TangoMoveDto> TangoMoves, IReadOnlyList<ExcerptCandidateDto> ExcerptCandidates);

public enum CoSignatureStatus { Awaiting, Cosigned }

/// <summary>A trainee's signed session (DESIGN §18): awaiting the supervisor's co-signature, or co-signed by them and when; null when none is needed.</summary>
public sealed record CoSignatureDto(CoSignatureStatus Status, string? By, Guid? ById, DateTimeOffset? At)
{
    public static CoSignatureDto? Of(Session s) => !s.CosignRequired ? null
        : s.CosignedAt is null ? new(CoSignatureStatus.Awaiting, null, null, null)
        : new(CoSignatureStatus.Cosigned, s.CosignedByName, s.CosignedBy, s.CosignedAt);
}

public sealed record SessionSummaryDto(Guid Id, DateOnly Date, TimeOnly StartTime, int DurationMinutes, SessionFormat Format,
    Attendance Attendance, int EftStage, int EftStep, DateTimeOffset? SignedAt, bool AwaitingCosignature, bool DiscussInSupervision,
    IReadOnlyList<string> TangoMoves, int ExcerptCandidates);

/// <summary>A session as the therapist reads it: the cycle record inside it, amendments oldest first.</summary>
internal static class SessionViews
{
    public static SessionDto ToDto(this Session s) => new(s.Id, s.CoupleId, s.Date, s.StartTime, s.DurationMinutes, s.Format,
        s.Attendance, s.EftStage, s.EftStep, s.Note, CycleSnapshot.Of(s.Cycle)?.ToDto(), s.SignedAt, s.SignedByName, s.Version,
        s.Amendments.OrderByDescending(a => a.CreatedAt).Select(ToDto).ToList(), s.CycleCorrectedAt, s.AppointmentId, CoSignatureDto.Of(s),
        s.DiscussInSupervision, s.TangoMoves.Select(m => new TangoMoveDto(m.Move, m.Note)).ToList(),
        s.ExcerptCandidates.Select(e => new ExcerptCandidateDto(e.Stage, e.StartsAt, e.EndsAt, e.Note)).ToList());

    private static AmendmentDto ToDto(SessionAmendment a) => new(a.Id, a.Text, a.AuthorId, a.AuthorName, a.CreatedAt,
        a.CorrectsCycle, CycleSnapshot.FromJson(a.CycleBefore)?.ToDto(), CycleSnapshot.FromJson(a.CycleAfter)?.ToDto());

    /// <summary>The live record and the values an amendment kept read the same way: both through the snapshot.</summary>
    private static CycleDto ToDto(this CycleSnapshot c) => new(
        c.Partners.Select(r => new CycleRatingDto(r.PartnerId, r.Position, r.Intensity)).ToList(),
        c.EpisodesSinceLastSession, c.PeakIntensity, c.RepairMinutes, c.Triggers.ToList(), c.Markers.ToList());

    /// <summary>
    /// For the list, as a query: PostgreSQL returns only these columns. The moves and excerpts are a jsonb column each,
    /// read whole and summarised by <see cref="ToSummary"/> once the page is read.
    /// </summary>
    public static readonly Expression<Func<Session, SessionSummaryRow>> Summary = s => new SessionSummaryRow(new SessionSummaryDto(s.Id, s.Date,
        s.StartTime, s.DurationMinutes, s.Format, s.Attendance, s.EftStage, s.EftStep, s.SignedAt,
        s.CosignRequired && s.CosignedAt == null, s.DiscussInSupervision, Array.Empty<string>(), 0), s.TangoMoves, s.ExcerptCandidates);

    public static SessionSummaryDto ToSummary(this SessionSummaryRow row) => row.Summary with
    {
        TangoMoves = row.TangoMoves.Select(m => m.Move).ToList(), ExcerptCandidates = row.ExcerptCandidates.Count,
    };
}

internal sealed record SessionSummaryRow(SessionSummaryDto Summary, List<TangoMoveUse> TangoMoves, List<ExcerptCandidate> ExcerptCandidates);
