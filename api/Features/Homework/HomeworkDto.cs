using System.Text.Json;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Features.Homework;

public sealed record AdherencePeriodDto(DateOnly From, DateOnly To, int Entries, double Expected, double? Ratio)
{
    public static AdherencePeriodDto Of(AdherencePeriod p) => new(p.From, p.To, p.Entries, Math.Round(p.Expected, 3),
        p.Ratio is { } r ? Math.Round(r, 3) : null);
}

public sealed record PartnerAdherenceDto(Guid PartnerId, PartnerLabel Label, AdherencePeriodDto ThisWeek, AdherencePeriodDto Last14Days);

public sealed record EntryCountsDto(int Total, int Shared, int Private, int Withdrawn);

public sealed record TurnShareDto(Guid PartnerId, PartnerLabel Label, int Needing, int Supporting, double? NeedingShare);

public sealed record TurnBalanceDto(DateOnly From, DateOnly To, IReadOnlyList<TurnShareDto> Partners);

/// <param name="Overdue">Still running after its due date (<see cref="HomeworkAssignment.IsOverdue(DateOnly)"/>), as the caseload's
/// homework alert says.</param>
public sealed record AssignmentDto(Guid Id, Guid CoupleId, string ExerciseCode, int ExerciseVersion, string ExerciseTitle,
    ExerciseFamily Family, Assignee AssignedTo, DateOnly StartsOn, DateOnly DueOn, int TargetPerWeek, string Note,
    AssignmentStatus Status, Guid? SessionId, DateTimeOffset CreatedAt, uint Version,
    EntryCountsDto EntryCounts, IReadOnlyList<PartnerAdherenceDto> Adherence, TurnBalanceDto? TurnBalance, bool Overdue);

public sealed record TherapistEntryDto(Guid Id, Guid AuthorPartnerId, PartnerLabel AuthorLabel, DateOnly OccurredOn,
    EntryRole? Role, EntryVisibility Visibility, IReadOnlyDictionary<string, JsonElement> Fields,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, bool Withdrawn, DateTimeOffset? WithdrawnAt);

public sealed record EntryPairDto(DateOnly OccurredOn, Guid NeedingEntryId, Guid SupportingEntryId);

public sealed record PerceptionGapDto(PerceptionGapKind Kind, DateOnly OccurredOn, Guid NeedingEntryId, Guid? SupportingEntryId);

public sealed record AssignmentEntriesDto(Guid AssignmentId, string ExerciseCode, Assignee AssignedTo,
    IReadOnlyList<TherapistEntryDto> Entries, IReadOnlyList<EntryPairDto> Pairs, IReadOnlyList<PerceptionGapDto> Gaps);

/// <summary>The therapist's view of an assignment: its entries counted, adherence and turn balance.</summary>
internal static class HomeworkViews
{
    public static AssignmentDto Assignment(HomeworkAssignment a, Domain.Homework.ExerciseDefinition exercise,
        IReadOnlyList<HomeworkEntry> entries, IReadOnlyList<Partner> partners, DateOnly today, IReadOnlyList<EntryFact> coupleTakingTurns)
    {
        var facts = HomeworkMetrics.Facts(entries);
        return new AssignmentDto(a.Id, a.CoupleId, a.ExerciseCode, a.ExerciseVersion, exercise.Title, exercise.Family, a.AssignedTo,
            a.StartsOn, a.DueOn, a.TargetPerWeek, a.Note, a.Status, a.SessionId, a.CreatedAt, a.Version,
            HomeworkMetrics.Counts(entries), HomeworkMetrics.Adherence(a, facts, partners, today),
            HomeworkMetrics.TurnBalance(a, coupleTakingTurns, partners, today), a.IsOverdue(today));
    }
}
