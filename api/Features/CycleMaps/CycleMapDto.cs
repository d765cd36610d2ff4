using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.CycleMaps;

namespace Clinic.Api.Features.CycleMaps;

/// <summary>One partner's side of the map, with the partner's first name so the loop can be drawn as it is read.</summary>
public sealed record CycleMapSideDto(Guid PartnerId, PartnerLabel Label, string FirstName, string Trigger, IReadOnlyList<string> Moves,
    string MoveInOwnWords, string Feeling, string Fear, string Need);

/// <summary>
/// The current map (version 0 and empty sides before the first save). <c>Version</c> is what a save
/// sends back; <c>Shared</c> says whether both partners see it in the portal.
/// </summary>
/// <param name="SharedVersion">The version both partners see in the portal; null while not shared. A later save is not shown to them until shared again.</param>
public sealed record CycleMapDto(Guid CoupleId, int Version, bool Shared, DateTimeOffset? SharedAt, DateTimeOffset? SavedAt,
    string? SavedByName, IReadOnlyList<CycleMapSideDto> Partners, string Exit, int? SharedVersion);

public sealed record CycleMapVersionDto(int Version, DateTimeOffset SavedAt, string SavedByName, IReadOnlyList<CycleMapSideDto> Partners,
    string Exit);

/// <summary>
/// What a partner sees: the loop and the way out, nothing else the therapist keeps. Sides are "me" and
/// "my partner": the portal never hands one partner the other's details (not even the first name).
/// </summary>
public sealed record PortalCycleMapSideDto(PartnerLabel Label, bool IsMe, string Trigger, IReadOnlyList<string> Moves,
    string MoveInOwnWords, string Feeling, string Fear, string Need);

public sealed record PortalCycleMapDto(IReadOnlyList<PortalCycleMapSideDto> Partners, string Exit, DateTimeOffset SavedAt);

internal static class CycleMapMapping
{
    public static IReadOnlyList<CycleMapSideDto> Sides(Couple couple, CycleMapVersion? saved) =>
        couple.Partners.OrderBy(p => p.Label).Select(p => saved?.SideOf(p.Id) is { } s
            ? new CycleMapSideDto(p.Id, p.Label, p.FirstName, s.Trigger, s.Moves, s.MoveInOwnWords, s.Feeling, s.Fear, s.Need)
            : new CycleMapSideDto(p.Id, p.Label, p.FirstName, "", [], "", "", "", "")).ToList();

    public static CycleMapDto ToDto(Couple couple, CycleMap? map, CycleMapVersion? saved) => new(couple.Id, map?.Version ?? 0,
        map?.IsShared ?? false, map?.SharedAt, saved?.SavedAt, saved?.SavedByName, Sides(couple, saved), saved?.Exit ?? "",
        map?.SharedVersion);
}
