using System.Globalization;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Homework;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Seed.Synthetic;

/// <summary>
/// Two assignments per couple (reach-out for partner A, taking-turns for both), each with a few
/// entries over the three weeks before the couple's last session.
/// </summary>
public sealed partial class SyntheticPractice
{
    private async Task<IReadOnlyList<(string Table, long Rows)>> CopyHomeworkAsync(NpgsqlConnection connection,
        SyntheticModel practice, CancellationToken ct)
    {
        var reachOut = exercises.LatestOf("reach-out") ?? throw new InvalidOperationException("The reach-out exercise is missing.");
        var turns = exercises.LatestOf("taking-turns") ?? throw new InvalidOperationException("The taking-turns exercise is missing.");
        var seed = practice.Options.Seed;
        var plans = practice.Couples.Select(c => Plan(seed, c, reachOut, turns)).ToList();

        long assignments;
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY homework_assignments (id, couple_id, exercise_code, exercise_version, assigned_to, starts_on, due_on, " +
            "target_per_week, note, status, ended_on, created_at, created_by) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (couple, list) in plans)
            foreach (var a in list)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(couple.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(a.Exercise.Code, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(a.Exercise.Version, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(a.AssignedTo, NpgsqlDbType.Text, ct);
                await w.WriteAsync(a.StartsOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(a.DueOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(2, NpgsqlDbType.Integer, ct);
                await w.WriteAsync("Synthetic assignment.", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(a.Status, NpgsqlDbType.Text, ct);
                // A completed synthetic assignment (a closed couple's) ended on its due date.
                if (a.Status == "active") await w.WriteNullAsync(ct);
                else await w.WriteAsync(a.DueOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(SeedIds.At(a.StartsOn), NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(couple.TherapistId, NpgsqlDbType.Uuid, ct);
            }
            assignments = (long)await w.CompleteAsync(ct);
        }

        long entries;
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY homework_entries (id, assignment_id, author_partner_id, occurred_on, role, fields, visibility, created_at) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (_, list) in plans)
            foreach (var a in list)
            foreach (var e in a.Entries)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(e.AuthorId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(e.On, NpgsqlDbType.Date, ct);
                await w.WriteAsync(EntryValidation.RoleCode(e.Role), NpgsqlDbType.Text, ct);
                await w.WriteAsync(e.FieldsJson, NpgsqlDbType.Jsonb, ct);
                await w.WriteAsync(e.Shared ? "shared" : "private", NpgsqlDbType.Text, ct);
                await w.WriteAsync(SeedIds.At(e.On, new TimeOnly(21, 0)), NpgsqlDbType.TimestampTz, ct);
            }
            entries = (long)await w.CompleteAsync(ct);
        }
        return [("homework_assignments", assignments), ("homework_entries", entries)];
    }

    internal sealed record HomeworkPlan(Guid Id, ExerciseDefinition Exercise, string AssignedTo, DateOnly StartsOn, DateOnly DueOn,
        string Status, List<EntryPlan> Entries);

    internal sealed record EntryPlan(Guid Id, Guid AuthorId, DateOnly On, EntryRole Role, string FieldsJson, bool Shared);

    /// <summary>Entries are validated against the exercise like a portal post, so the generator cannot drift from the catalogue.</summary>
    internal static (SyntheticCouple Couple, List<HomeworkPlan> Plans) Plan(int seed, SyntheticCouple c, ExerciseDefinition reachOut,
        ExerciseDefinition turns)
    {
        var rng = new Random(unchecked(seed * 7_919 + c.T * 104_729 + c.C));
        var last = c.Sessions[^1].Date;
        var startsOn = last.AddDays(-21);
        var dueOn = last.AddDays(7);
        var status = c.Status == "closed" ? "completed" : "active";
        var plans = new List<HomeworkPlan>();
        for (var k = 0; k < 2; k++)
        {
            var exercise = k == 0 ? reachOut : turns;
            var plan = new HomeworkPlan(Id(seed, "homework", c.T, c.C, k), exercise, k == 0 ? "partner_a" : "both", startsOn, dueOn, status, []);
            var count = 2 + rng.Next(3);
            for (var i = 0; i < count; i++)
            {
                var author = k == 0 || i % 2 == 0 ? c.A : c.B;
                var role = k == 0 || i % 2 == 0 ? "needing" : "supporting";
                var fields = k == 0
                    ? $$"""{"need":"reassurance","askedDirectly":{{(rng.Next(3) > 0 ? "true" : "false")}},"fearBefore":{{rng.Next(11)}},"understood":{{1 + rng.Next(5)}},"validated":{{1 + rng.Next(5)}},"caredFor":{{1 + rng.Next(5)}},"feltSecurityAfter":{{1 + rng.Next(5)}}}"""
                    : $$"""{"minutes":{{5 + rng.Next(30)}},"rolesSwapped":{{(rng.Next(2) == 0 ? "true" : "false")}},"feltHeard":{{1 + rng.Next(5)}},"urgeToFix":{{rng.Next(11)}}}""";
                var normalised = EntryValidation.Normalise(exercise, EntryFields.ToElements(fields), role);
                var entry = normalised.Entry ?? throw new InvalidOperationException(
                    $"Synthetic {exercise.Code} entry is invalid: {string.Join(", ", normalised.Errors.Keys)}.");
                plan.Entries.Add(new EntryPlan(Id(seed, "entry", c.T, c.C, k * 10 + i), author.Id,
                    startsOn.AddDays(Math.Min(20, 2 + i * 5 + rng.Next(3))), entry.Role, EntryFields.ToJson(entry.Values), rng.Next(4) > 0));
            }
            plans.Add(plan);
        }
        return (c, plans);
    }
}
