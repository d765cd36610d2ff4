using AutoMapper;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Features.Couples;

public enum PortalStatus { None, Invited, Active }

/// <summary><c>Version</c> is what a correction of this partner sends back.</summary>
public sealed record PartnerDto(Guid Id, PartnerLabel Label, string FirstName, string LastName, string? Pronouns,
    string Email, PortalStatus PortalStatus, uint Version);

public sealed record CoupleDto(Guid Id, string DisplayName, CoupleStatus Status, DateOnly StartedOn, DateOnly? ClosedOn,
    string PresentingConcerns, string Goals, uint Version, IReadOnlyList<PartnerDto> Partners);

public sealed record CoupleSummaryDto(Guid Id, string DisplayName, CoupleStatus Status, DateOnly StartedOn,
    int SessionCount, DateOnly? LastSessionOn);

public sealed class CoupleProfile : Profile
{
    public CoupleProfile()
    {
        CreateMap<Partner, PartnerDto>()
            .ForCtorParam(nameof(PartnerDto.PortalStatus), o => o.MapFrom(p => p.UserId != null ? PortalStatus.Active : PortalStatus.None));
        CreateMap<Couple, CoupleDto>()
            .ForCtorParam(nameof(CoupleDto.Partners), o => o.MapFrom(c => c.Partners.OrderBy(p => p.Label)));
    }
}
