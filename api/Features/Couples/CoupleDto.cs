using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Features.Couples;

public enum PortalStatus { None, Invited, Active }

/// <summary><c>Version</c> is what a correction of this partner sends back.</summary>
public sealed record PartnerDto(Guid Id, PartnerLabel Label, string FirstName, string LastName, string? Pronouns,
    string Email, PortalStatus PortalStatus, uint Version, string? PendingEmail);

public sealed record CoupleDto(Guid Id, string DisplayName, CoupleStatus Status, DateOnly StartedOn, DateOnly? ClosedOn,
    string PresentingConcerns, string Goals, uint Version, IReadOnlyList<PartnerDto> Partners);

public sealed record CoupleSummaryDto(Guid Id, string DisplayName, CoupleStatus Status, DateOnly StartedOn,
    int SessionCount, DateOnly? LastSessionOn);

/// <summary>A couple as the therapist reads it; partners in label order, portal status from the account link.</summary>
internal static class CoupleViews
{
    public static CoupleDto ToDto(this Couple c) => new(c.Id, c.DisplayName, c.Status, c.StartedOn, c.ClosedOn,
        c.PresentingConcerns, c.Goals, c.Version, c.Partners.OrderBy(p => p.Label).Select(ToDto).ToList());

    public static PartnerDto ToDto(this Partner p) => new(p.Id, p.Label, p.FirstName, p.LastName, p.Pronouns, p.Email,
        p.UserId != null ? PortalStatus.Active : PortalStatus.None, p.Version, p.PendingEmail);
}
