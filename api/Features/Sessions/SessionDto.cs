using AutoMapper;
using Clinic.Api.Domain.Sessions;

namespace Clinic.Api.Features.Sessions;

public sealed record CycleRatingDto(Guid PartnerId, CyclePosition Position, int Intensity);

public sealed record CycleDto(IReadOnlyList<CycleRatingDto> Partners, int EpisodesSinceLastSession, int PeakIntensity,
    int RepairMinutes, IReadOnlyList<string> Triggers, IReadOnlyList<string> Markers);

public sealed record AmendmentDto(Guid Id, string Text, Guid AuthorId, string AuthorName, DateTimeOffset CreatedAt);

public sealed record SessionDto(Guid Id, Guid CoupleId, DateOnly Date, TimeOnly StartTime, int DurationMinutes,
    SessionFormat Format, Attendance Attendance, int EftStage, int EftStep, string Note, CycleDto? Cycle,
    DateTimeOffset? SignedAt, string? SignedByName, uint Version, IReadOnlyList<AmendmentDto> Amendments);

public sealed record SessionSummaryDto(Guid Id, DateOnly Date, TimeOnly StartTime, int DurationMinutes, SessionFormat Format,
    Attendance Attendance, int EftStage, int EftStep, DateTimeOffset? SignedAt);

public sealed class SessionProfile : Profile
{
    public SessionProfile()
    {
        CreateMap<CycleRating, CycleRatingDto>();
        CreateMap<CycleRecord, CycleDto>();
        CreateMap<SessionAmendment, AmendmentDto>();
        CreateMap<Session, SessionDto>()
            .ForCtorParam(nameof(SessionDto.Amendments), o => o.MapFrom(s => s.Amendments.OrderBy(a => a.CreatedAt)));
        CreateMap<Session, SessionSummaryDto>();
    }
}
