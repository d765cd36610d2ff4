using AutoMapper;
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
    DateTimeOffset? CycleCorrectedAt);

public sealed record SessionSummaryDto(Guid Id, DateOnly Date, TimeOnly StartTime, int DurationMinutes, SessionFormat Format,
    Attendance Attendance, int EftStage, int EftStep, DateTimeOffset? SignedAt);

public sealed class SessionProfile : Profile
{
    public SessionProfile()
    {
        CreateMap<CycleRating, CycleRatingDto>();
        CreateMap<CycleRecord, CycleDto>();
        CreateMap<CycleSnapshot.Rating, CycleRatingDto>();
        CreateMap<CycleSnapshot, CycleDto>();
        CreateMap<SessionAmendment, AmendmentDto>()
            .ForCtorParam(nameof(AmendmentDto.CycleBefore), o => o.MapFrom(a => CycleSnapshot.FromJson(a.CycleBefore)))
            .ForCtorParam(nameof(AmendmentDto.CycleAfter), o => o.MapFrom(a => CycleSnapshot.FromJson(a.CycleAfter)));
        CreateMap<Session, SessionDto>()
            .ForCtorParam(nameof(SessionDto.Amendments), o => o.MapFrom(s => s.Amendments.OrderBy(a => a.CreatedAt)));
        CreateMap<Session, SessionSummaryDto>();
    }
}
