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

    public const string TakingTurnsCode = "taking-turns";

    /// <summary>Over the same 14 days as adherence; only taking-turns leaves the role to the client.</summary>
    public static TurnBalanceDto? TurnBalance(HomeworkAssignment assignment, IReadOnlyList<EntryFact> facts,
        IReadOnlyList<Partner> partners, DateOnly today)
    {
        if (assignment.ExerciseCode != TakingTurnsCode) return null;
        var from = today.AddDays(-(Domain.Homework.Adherence.WindowDays - 1));
        var ordered = partners.OrderBy(p => p.Label).ToList();
        var shares = Domain.Homework.TurnBalance.Compute(facts.Where(f => f.OccurredOn >= from && f.OccurredOn <= today),
            ordered.Select(p => p.Id));
        return new TurnBalanceDto(from, today, shares.Select((s, i) => new TurnShareDto(s.PartnerId, ordered[i].Label,
            s.Needing, s.Supporting, s.NeedingShare is { } n ? Math.Round(n, 3) : null)).ToList());
    }

    public static EntryCountsDto Counts(IEnumerable<HomeworkEntry> entries)
    {
        var all = entries.ToList();
        var live = all.Where(e => !e.IsWithdrawn).ToList();
        return new EntryCountsDto(live.Count, live.Count(e => e.Visibility == EntryVisibility.Shared),
            live.Count(e => e.Visibility == EntryVisibility.Private), all.Count - live.Count);
    }
}
