namespace Clinic.Api.Domain.Sessions;

/// <summary>The five moves of the EFT Tango (DESIGN §18), in the order a session walks them.</summary>
public static class TangoMoves
{
    public const string MirroringPresentProcess = "mirroring_present_process";
    public const string AffectAssemblyAndDeepening = "affect_assembly_and_deepening";
    public const string ChoreographingEngagedEncounters = "choreographing_engaged_encounters";
    public const string ProcessingTheEncounter = "processing_the_encounter";
    public const string IntegratingAndValidating = "integrating_and_validating";

    public static readonly IReadOnlyList<string> All =
    [
        MirroringPresentProcess, AffectAssemblyAndDeepening, ChoreographingEngagedEncounters, ProcessingTheEncounter,
        IntegratingAndValidating,
    ];

    public static bool IsMove(string? move) => move is not null && All.Contains(move);
}

/// <summary>A Tango move used in the session, with the therapist's short note on it.</summary>
public sealed record TangoMoveUse(string Move, string Note);

/// <summary>
/// A segment the therapist marks as a candidate excerpt for certification (stage 1 or 2 work centred on the
/// Tango): its stage and where it lies in the recording ("12:30" to "17:05"). Clinic stores no recordings;
/// where the recording is kept is written in the note.
/// </summary>
public sealed record ExcerptCandidate(int Stage, string StartsAt, string EndsAt, string Note)
{
    /// <summary>"m:ss", "mm:ss" or "h:mm:ss" into seconds; null when it is none of those.</summary>
    public static int? Seconds(string? stamp)
    {
        if (string.IsNullOrWhiteSpace(stamp)) return null;
        var parts = stamp.Trim().Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiDigit))) return null;
        var numbers = parts.Select(int.Parse).ToArray();
        if (numbers[^1] > 59 || (parts.Length == 3 && numbers[1] > 59)) return null;
        if (parts[^1].Length != 2 || (parts.Length == 3 && parts[1].Length != 2)) return null;
        return parts.Length == 2 ? numbers[0] * 60 + numbers[1] : numbers[0] * 3600 + numbers[1] * 60 + numbers[2];
    }
}
