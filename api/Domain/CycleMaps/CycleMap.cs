namespace Clinic.Api.Domain.CycleMaps;

/// <summary>
/// The surface moves a cycle map offers (EFT's pursue and withdraw moves), as a small shared
/// vocabulary so two maps, and the portal's picture of one, use the same words. Anything else a
/// partner does goes in their own words beside it.
/// </summary>
public static class CycleMoves
{
    public static readonly IReadOnlyList<string> Pursue = ["criticise", "chase", "protest", "demand"];
    public static readonly IReadOnlyList<string> Withdraw = ["shut_down", "leave", "placate", "go_quiet"];
    public static readonly IReadOnlySet<string> All = new HashSet<string>(Pursue.Concat(Withdraw), StringComparer.Ordinal);
}

/// <summary>One partner's side of the loop: what sets them off, what the other sees, what lies underneath.</summary>
public sealed record CycleMapSideDetails(Guid PartnerId, string Trigger, IReadOnlyList<string> Moves, string MoveInOwnWords,
    string Feeling, string Fear, string Need);

/// <summary>
/// The negative cycle a therapist maps with a couple. Every save is a new numbered version and the
/// earlier ones stay; the map itself holds only the current number (the concurrency token a save
/// must name) and whether both partners may see it in the portal.
/// </summary>
public sealed class CycleMap
{
    private CycleMap() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset? SharedAt { get; private set; }
    public Guid? SharedBy { get; private set; }
    /// <summary>The version partners see: the one current when it was last shared (issue 26), whatever was saved since.</summary>
    public int? SharedVersion { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsShared => SharedAt is not null;

    public static CycleMap Start(Guid coupleId, DateTimeOffset now) =>
        new() { CoupleId = coupleId, Version = 0, CreatedAt = now, UpdatedAt = now };

    public const string SidesMessage = "A cycle map has one side for each of the two partners.";

    /// <summary>A new version; the caller says which version it read, and only the current one may be built on.</summary>
    public CycleMapVersion Save(int versionRead, IReadOnlyList<CycleMapSideDetails> sides, string exit, Guid by, string byName,
        DateTimeOffset now)
    {
        if (versionRead != Version) throw new StaleCycleMapException(Version);
        if (sides.Count != 2 || sides.Select(s => s.PartnerId).Distinct().Count() != 2)
            throw DomainRuleException.Invalid("partners", SidesMessage);
        if (sides.SelectMany(s => s.Moves).FirstOrDefault(m => !CycleMoves.All.Contains(m)) is { } unknown)
            throw DomainRuleException.Invalid("partners", $"'{unknown}' is not one of the cycle map's moves.");
        Version++;
        UpdatedAt = now;
        return CycleMapVersion.Create(CoupleId, Version, sides, exit, by, byName, now);
    }

    public void Share(Guid by, DateTimeOffset now)
    {
        if (Version == 0) throw DomainRuleException.Conflict("Save the cycle map before sharing it.");
        // Sharing again shares the newest save; sharing what is already shown changes nothing.
        if (IsShared && SharedVersion == Version) return;
        SharedAt = now;
        SharedBy = by;
        SharedVersion = Version;
    }

    public void Unshare()
    {
        SharedAt = null;
        SharedBy = null;
        SharedVersion = null;
    }
}

/// <summary>The write named a version that is no longer the current one.</summary>
public sealed class StaleCycleMapException(int current)
    : Exception($"This cycle map was saved again since you read it (now version {current}). Reload to see it, then try again.")
{
    public int Current { get; } = current;
}

/// <summary>One saved state of a cycle map, never changed after it is written.</summary>
public sealed class CycleMapVersion
{
    private readonly List<CycleMapSide> _sides = [];

    private CycleMapVersion() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public string Exit { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public Guid SavedBy { get; private set; }
    public string SavedByName { get; private set; } = "";
    public IReadOnlyList<CycleMapSide> Sides => _sides;

    internal static CycleMapVersion Create(Guid coupleId, int version, IEnumerable<CycleMapSideDetails> sides, string exit, Guid by,
        string byName, DateTimeOffset now)
    {
        var saved = new CycleMapVersion
        {
            CoupleId = coupleId, Version = version, Exit = exit.Trim(), SavedAt = now, SavedBy = by, SavedByName = byName,
        };
        saved._sides.AddRange(sides.Select(CycleMapSide.From));
        return saved;
    }

    public CycleMapSide? SideOf(Guid partnerId) => _sides.FirstOrDefault(s => s.PartnerId == partnerId);
}

public sealed class CycleMapSide
{
    private CycleMapSide() { }

    public Guid PartnerId { get; private set; }
    public string Trigger { get; private set; } = "";
    public string[] Moves { get; private set; } = [];
    public string MoveInOwnWords { get; private set; } = "";
    public string Feeling { get; private set; } = "";
    public string Fear { get; private set; } = "";
    public string Need { get; private set; } = "";

    internal static CycleMapSide From(CycleMapSideDetails d) => new()
    {
        PartnerId = d.PartnerId, Trigger = d.Trigger.Trim(), Moves = d.Moves.Distinct().ToArray(),
        MoveInOwnWords = d.MoveInOwnWords.Trim(), Feeling = d.Feeling.Trim(), Fear = d.Fear.Trim(), Need = d.Need.Trim(),
    };
}
