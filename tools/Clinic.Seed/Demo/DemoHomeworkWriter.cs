using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Homework;

namespace Clinic.Seed.Demo;

public sealed partial class DemoClinicalWriter
{
    /// <summary>
    /// Assignments and the partners' portal entries. Each entry passes the same checks a portal post
    /// does (assigned partner, date inside the assignment, fields valid for the pinned exercise).
    /// </summary>
    public void AddHomework(DemoCoupleContext c, IReadOnlyList<DemoHomework> homework)
    {
        foreach (var h in homework)
        {
            var exercise = exercises.LatestOf(h.Exercise)
                ?? throw new InvalidDataException($"Couple {c.Key}: unknown exercise '{h.Exercise}'.");
            var startsOn = c.DaysAgo(h.StartsDaysAgo);
            var assignment = SeedIds.Stamp(HomeworkAssignment.Assign(c.Couple.Id,
                new AssignmentDetails(exercise.Code, exercise.Version, Wire<Assignee>(c, h.AssignedTo), startsOn, c.DaysAgo(h.DueDaysAgo),
                    h.TargetPerWeek, h.Note, null),
                c.Therapist.Id, SeedIds.At(startsOn, new TimeOnly(18, 0))), c.Id($"homework/{h.Key}"));
            db.HomeworkAssignments.Add(assignment);

            for (var i = 0; i < h.Entries.Count; i++)
            {
                var e = h.Entries[i];
                var partner = c.Partner(e.Partner);
                if (!c.Accounts.ContainsKey(e.Partner))
                    throw new InvalidDataException($"Couple {c.Key}: homework {h.Key} has an entry by partner {e.Partner}, who has no sign-in.");
                var on = c.DaysAgo(e.DaysAgo);
                if (assignment.RefuseEntry(partner.Label, on, on) is { } refusal)
                    throw new InvalidDataException($"Couple {c.Key}: homework {h.Key} entry {i + 1}: {refusal.Message}");
                var normalised = EntryValidation.Normalise(exercise, e.Fields, e.Role);
                var valid = normalised.Entry ?? throw new InvalidDataException(
                    $"Couple {c.Key}: homework {h.Key} entry {i + 1}: {string.Join(", ", normalised.Errors.Keys)}.");
                db.HomeworkEntries.Add(SeedIds.Stamp(HomeworkEntry.Log(assignment.Id, partner.Id, on, valid.Role,
                    EntryFields.ToJson(valid.Values), Wire<EntryVisibility>(c, e.Visibility),
                    SeedIds.At(on, new TimeOnly(21, 15))), c.Id($"homework/{h.Key}/entry/{i + 1}")));
            }
            var status = Wire<AssignmentStatus>(c, h.Status);
            // A closed demo assignment ended on its due date, or today if that is still ahead.
            if (status != AssignmentStatus.Active) assignment.Close(status, HomeworkAssignment.ActiveUntil(assignment.DueOn, null, c.DaysAgo(0)));
        }
    }
}
