using Microsoft.EntityFrameworkCore;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Features.Homework;

/// <summary>Feeds stored entries to the pure metrics in Domain/Homework and shapes the answers.</summary>
internal static class HomeworkMetrics
{
    /// <summary>Withdrawn entries are left out, as the metrics require.</summary>
    public static List<EntryFact> Facts(IEnumerable<HomeworkEntry> entries) => entries
        .Where(e => e.Counts)
        .OrderBy(e => e.CreatedAt)
        .Select(e => new EntryFact(e.Id, e.AssignmentId, e.AuthorPartnerId, e.OccurredOn, e.Role!.Value, EntryFields.ToValues(e.Fields)))
        .ToList();

    public static IReadOnlyList<PartnerAdherenceDto> Adherence(HomeworkAssignment assignment, IReadOnlyList<EntryFact> facts,
        IReadOnlyList<Partner> partners, DateOnly today)
    {
        var assigned = partners.Where(p => assignment.IsAssignedTo(p.Label)).OrderBy(p => p.Label).ToList();
        var ids = assigned.Select(p => p.Id).ToList();
        var until = assignment.ActiveUntil(today);
        var week = Domain.Homework.Adherence.Weekly(assignment.TargetPerWeek, facts, [Domain.Homework.Adherence.WeekStart(today)], ids,
            assignment.StartsOn, until);
        var window = Domain.Homework.Adherence.OverWindow(assignment.TargetPerWeek, facts, ids, today, assignment.StartsOn, until);
        return assigned.Select((p, i) => new PartnerAdherenceDto(p.Id, p.Label,
            AdherencePeriodDto.Of(week[i]), AdherencePeriodDto.Of(window[i]))).ToList();
    }

    public const string TakingTurnsCode = Domain.Homework.TurnBalance.TakingTurnsCode;

    /// <summary>
    /// On a taking-turns assignment, the couple's turn balance (<see cref="Domain.Homework.TurnBalance.ForCouple"/>: every
    /// taking-turns entry of the last 28 days) — the same figure as the progress page's, over the same window.
    /// </summary>
    public static TurnBalanceDto? TurnBalance(HomeworkAssignment assignment, IReadOnlyList<EntryFact> coupleTakingTurns,
        IReadOnlyList<Partner> partners, DateOnly today)
    {
        if (assignment.ExerciseCode != TakingTurnsCode) return null;
        var ordered = partners.OrderBy(p => p.Label).ToList();
        var shares = Domain.Homework.TurnBalance.ForCouple(coupleTakingTurns, ordered.Select(p => p.Id), today);
        return new TurnBalanceDto(HomeworkWindows.TurnBalanceFrom(today), today, shares.Select((s, i) => new TurnShareDto(s.PartnerId,
            ordered[i].Label, s.Needing, s.Supporting, s.NeedingShare is { } n ? Math.Round(n, 3) : null)).ToList());
    }

    /// <summary>The couple's taking-turns entries that count, within the turn-balance window, from every taking-turns assignment.</summary>
    public static async Task<List<EntryFact>> CoupleTakingTurnsAsync(Data.ClinicDbContext db, Guid coupleId, DateOnly today,
        CancellationToken ct)
    {
        var from = HomeworkWindows.TurnBalanceFrom(today);
        var entries = await db.HomeworkEntries
            .Where(e => e.OccurredOn >= from && e.OccurredOn <= today && db.HomeworkAssignments
                .Any(a => a.Id == e.AssignmentId && a.CoupleId == coupleId && a.ExerciseCode == TakingTurnsCode))
            .ToListAsync(ct);
        return Facts(entries);
    }

    public static EntryCountsDto Counts(IEnumerable<HomeworkEntry> entries)
    {
        var all = entries.ToList();
        var live = all.Where(e => !e.IsWithdrawn).ToList();
        return new EntryCountsDto(live.Count, live.Count(e => e.Visibility == EntryVisibility.Shared),
            live.Count(e => e.Visibility == EntryVisibility.Private), all.Count - live.Count);
    }
}
