using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Homework;

public sealed record EntryPair(EntryFact Needing, EntryFact Supporting);

public enum PerceptionGapKind
{
    /// <summary>A partner logged needing; the other partner logged nothing on that assignment that day.</summary>
    [JsonStringEnumMemberName("unmatched_need")] UnmatchedNeed,

    /// <summary>A pair in which the needing partner rated the response low but the supporter felt present.</summary>
    [JsonStringEnumMemberName("response_mismatch")] ResponseMismatch,
}

public sealed record PerceptionGap(PerceptionGapKind Kind, EntryFact Needing, EntryFact? Supporting);

public sealed record PairingResult(IReadOnlyList<EntryPair> Pairs, IReadOnlyList<PerceptionGap> Gaps);

/// <summary>
/// Pairs two partners' entries about the same event and finds where their accounts disagree
/// (DESIGN §4). Only assignments set for <c>both</c> partners are considered: on a one-partner
/// assignment the other partner is never asked to log, so their silence means nothing.
/// <para>Rules, applied per (assignment, occurredOn):</para>
/// <list type="bullet">
/// <item><b>Pair</b>: a needing entry and a supporting entry by different partners. Each entry
/// joins at most one pair; several on a day pair in input order (pass them oldest first).</item>
/// <item><b>Unmatched need</b>: a needing entry when the other partner logged no entry at all on
/// that assignment that day. If they logged anything (even needing too) it is not this gap.</item>
/// <item><b>Response mismatch</b>: in a pair, the needing partner rated the response low —
/// mean of the <c>understood</c>/<c>validated</c>/<c>caredFor</c> ratings given is
/// ≤ <see cref="LowResponseMax"/>, or <c>feltHeard</c> ≤ <see cref="LowResponseMax"/> — while the
/// supporter reported it going well: <c>stayedPresent</c> = true, or an urge rating
/// (<c>urgeToFix</c>, <c>urgeToFixOrWithdraw</c>) ≤ <see cref="LowUrgeMax"/>. Missing ratings
/// never count as low or as going well.</item>
/// </list>
/// </summary>
public static class EntryPairing
{
    /// <summary>On the 1–5 response scales, 1 and 2 are "not at all" / "a little".</summary>
    public const double LowResponseMax = 2;

    /// <summary>On the 0–10 urge scales, the bottom third counts as low.</summary>
    public const int LowUrgeMax = 3;

    private static readonly ImmutableArray<string> ResponseRatings = ["understood", "validated", "caredFor"];
    private static readonly ImmutableArray<string> UrgeRatings = ["urgeToFix", "urgeToFixOrWithdraw"];

    public static PairingResult Pair(IEnumerable<EntryFact> entries, IReadOnlySet<Guid> jointAssignmentIds)
    {
        var pairs = new List<EntryPair>();
        var gaps = new List<PerceptionGap>();

        var days = entries
            .Where(e => jointAssignmentIds.Contains(e.AssignmentId))
            .GroupBy(e => (e.AssignmentId, e.OccurredOn))
            .OrderBy(g => g.Key.OccurredOn);

        foreach (var day in days)
        {
            var onDay = day.ToList();
            var unusedSupporting = onDay.Where(e => e.Role == EntryRole.Supporting).ToList();

            foreach (var needing in onDay.Where(e => e.Role == EntryRole.Needing))
            {
                if (onDay.All(e => e.PartnerId == needing.PartnerId))
                {
                    gaps.Add(new PerceptionGap(PerceptionGapKind.UnmatchedNeed, needing, null));
                    continue;
                }

                var supporting = unusedSupporting.FirstOrDefault(s => s.PartnerId != needing.PartnerId);
                if (supporting is null) continue;
                unusedSupporting.Remove(supporting);
                pairs.Add(new EntryPair(needing, supporting));

                if (RatedResponseLow(needing) && FeltItWentWell(supporting))
                {
                    gaps.Add(new PerceptionGap(PerceptionGapKind.ResponseMismatch, needing, supporting));
                }
            }
        }
        return new PairingResult(pairs, gaps);
    }

    public static bool RatedResponseLow(EntryFact needing)
    {
        var ratings = ResponseRatings.Select(needing.Integer).OfType<int>().ToList();
        var lowRatings = ratings.Count > 0 && ratings.Average() <= LowResponseMax;
        var lowHeard = needing.Integer("feltHeard") is { } heard && heard <= LowResponseMax;
        return lowRatings || lowHeard;
    }

    public static bool FeltItWentWell(EntryFact supporting) =>
        supporting.Boolean("stayedPresent") == true
        || UrgeRatings.Select(supporting.Integer).OfType<int>().Any(urge => urge <= LowUrgeMax);
}
