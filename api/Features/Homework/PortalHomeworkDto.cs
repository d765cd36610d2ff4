using System.Text.Json;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Features.Homework;

/// <param name="DoneForTheWeek">The week's target is logged (<see cref="Adherence.DoneForTheWeek"/>): the portal says "done for this week".</param>
public sealed record WeekProgressDto(DateOnly From, DateOnly To, int Entries, int Target, double Expected, double? Ratio, bool DoneForTheWeek);

/// <param name="NoteToClients">What the therapist wrote for the couple with the assignment; therapist-only notes never reach the portal.</param>
public sealed record PortalAssignmentDto(Guid Id, string ExerciseCode, int ExerciseVersion, string Title, ExerciseFamily Family,
    ExerciseInstructions Instructions, IReadOnlyList<EntryRole> Roles, IReadOnlyList<FieldDefinition> Fields, Assignee AssignedTo,
    DateOnly StartsOn, DateOnly DueOn, int TargetPerWeek, string NoteToClients, AssignmentStatus Status, bool AcceptsEntriesToday,
    WeekProgressDto ThisWeek);

/// <param name="AuthorFirstName">Mine: my first name. My partner's: "Your partner" — the portal never carries their profile.</param>
public sealed record PortalEntryDto(Guid Id, Guid AssignmentId, Guid AuthorPartnerId, string AuthorFirstName, bool Mine,
    DateOnly OccurredOn, EntryRole? Role, EntryVisibility Visibility, IReadOnlyDictionary<string, JsonElement> Fields,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? EditableUntil, bool Withdrawn);

/// <summary>What a partner sees of their homework and entries in the portal.</summary>
internal static class PortalHomeworkViews
{
    public static PortalAssignmentDto Assignment(HomeworkAssignment a, ExerciseDefinition exercise, Partner me,
        IEnumerable<HomeworkEntry> myEntries, DateOnly today)
    {
        var week = Adherence.Weekly(a.TargetPerWeek, HomeworkMetrics.Facts(myEntries), [Adherence.WeekStart(today)], [me.Id],
            a.StartsOn, a.ActiveUntil(today)).Single();
        return new PortalAssignmentDto(a.Id, a.ExerciseCode, a.ExerciseVersion, exercise.Title, exercise.Family,
            exercise.Instructions, exercise.Roles, exercise.Fields, a.AssignedTo, a.StartsOn, a.DueOn, a.TargetPerWeek, a.Note,
            a.Status, a.RefuseEntry(me.Label, today, today) is null,
            new WeekProgressDto(week.From, week.To, week.Entries, a.TargetPerWeek, Math.Round(week.Expected, 3),
                week.Ratio is { } r ? Math.Round(r, 3) : null, Adherence.DoneForTheWeek(week.Entries, a.TargetPerWeek)));
    }

    public const string PartnerAuthorName = "Your partner";

    public static PortalEntryDto Entry(HomeworkEntry e, Partner me)
    {
        var mine = e.AuthorPartnerId == me.Id;
        return new PortalEntryDto(e.Id, e.AssignmentId, e.AuthorPartnerId, mine ? me.FirstName : PartnerAuthorName, mine, e.OccurredOn, e.Role,
            e.Visibility, EntryFields.ToElements(e.Fields), e.CreatedAt, e.UpdatedAt,
            mine && !e.IsWithdrawn ? e.EditableUntil : null, e.IsWithdrawn);
    }
}
