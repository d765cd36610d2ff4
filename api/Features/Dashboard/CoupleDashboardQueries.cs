using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Homework;
using Microsoft.EntityFrameworkCore;
using Clinic.Api.Infrastructure.Auth;
using Npgsql;

namespace Clinic.Api.Features.Dashboard;

/// <summary>
/// Everything the couple dashboard draws, in seven statements sent as one batch (one round trip):
/// the couple (only if it is in this therapist's caseload), partners, sessions with their cycle
/// record, cycle ratings, assignments, entries and assessments. Each statement joins the couple on
/// the therapist too, so a couple outside the caseload yields no rows at all, not rows then
/// discarded. Eight EF round trips cost the app more than the database's whole work for the request.
/// </summary>
internal static class CoupleDashboardQueries
{
    public sealed record CoupleRow(Guid Id, string DisplayName, CoupleStatus Status);

    public sealed record PartnerRow(Guid Id, PartnerLabel Label, string FirstName);

    public sealed record SessionRow(Guid Id, DateOnly Date, Attendance Attendance, int EftStage, int EftStep, double? CycleMean,
        int? Episodes, int? PeakIntensity, int? RepairMinutes, string[]? Markers, bool Corrected);

    public sealed record RatingRow(Guid SessionId, Guid PartnerId, CyclePosition Position, int Intensity);

    public sealed record AssignmentRow(Guid Id, string ExerciseCode, Assignee AssignedTo, DateOnly StartsOn, DateOnly DueOn,
        int TargetPerWeek, AssignmentStatus Status)
    {
        public bool IsJoint => AssignedTo == Assignee.Both;
        public bool IsAssignedTo(PartnerLabel label) => HomeworkAssignment.Covers(AssignedTo, label);
        public DateOnly ActiveUntil(DateOnly today) => HomeworkAssignment.ActiveUntil(DueOn, today);
    }

    public sealed record AssessmentRow(Guid Id, Guid PartnerId, string InstrumentCode, int InstrumentVersion, DateOnly AdministeredOn,
        AssessmentSource Source, double? Avoidance, double? Anxiety, AttachmentQuadrant? Quadrant,
        IReadOnlyDictionary<string, double> Scores, string? Band);

    public sealed record Dashboard(CoupleRow Couple, List<PartnerRow> Partners, List<SessionRow> Sessions, List<RatingRow> Ratings,
        List<AssignmentRow> Assignments, List<EntryFact> Entries, List<AssessmentRow> Assessments);

    // $1 the couple, $2 the therapist: every statement is limited to that pair.
    // The entity rules restated below (ownership, an entry that counts) come from their *Sql fragments (SqlRulesTests).
    private static readonly string Owned = $"JOIN couples c ON c.id = x.couple_id AND {Couples.Ownership.OwnedBySql("c", "$2")} WHERE x.couple_id = $1";

    private static readonly string CoupleSql = $"SELECT c.id, c.display_name, c.status FROM couples c WHERE c.id = $1 AND {Couples.Ownership.OwnedBySql("c", "$2")}";

    private static readonly string PartnersSql = $"SELECT x.id, x.label, x.first_name FROM partners x {Owned} ORDER BY x.label";

    private static readonly string SessionsSql = $"""
        SELECT x.id, x.date, x.attendance, x.eft_stage, x.eft_step, x.cycle_mean,
               r.episodes_since_last_session, r.peak_intensity, r.repair_minutes, r.markers, x.cycle_corrected_at IS NOT NULL
        FROM sessions x LEFT JOIN cycle_records r ON r.session_id = x.id
        {Owned}
        ORDER BY x.date, x.start_time
        """;

    private static readonly string RatingsSql = $"""
        SELECT g.session_id, g.partner_id, g.position, g.intensity
        FROM sessions x JOIN cycle_ratings g ON g.session_id = x.id
        {Owned}
        """;

    private static readonly string AssignmentsSql = $"""
        SELECT x.id, x.exercise_code, x.assigned_to, x.starts_on, x.due_on, x.target_per_week, x.status
        FROM homework_assignments x {Owned}
        """;

    // HomeworkMetrics.Facts' rule: entries that count (HomeworkEntry.Counts), oldest first.
    private static readonly string EntriesSql = $"""
        SELECT e.id, e.assignment_id, e.author_partner_id, e.occurred_on, e.role, e.fields::text
        FROM homework_assignments x JOIN homework_entries e ON e.assignment_id = x.id
        {Owned} AND {HomeworkEntry.CountsSql("e")}
        ORDER BY e.created_at
        """;

    private static readonly string AssessmentsSql = $"""
        SELECT x.id, x.partner_id, x.instrument_code, x.instrument_version, x.administered_on, x.source, x.avoidance, x.anxiety, x.quadrant,
               x.scores::text, x.band
        FROM assessments x {Owned}
        ORDER BY x.administered_on, x.created_at
        """;

    /// <summary>
    /// Null when the couple is not in this therapist's caseload. Leaves the connection open. <paramref name="session"/>,
    /// when given, goes first in the same round trip (the session check and the audit row, <see cref="BatchedSessionCheck"/>).
    /// </summary>
    public static async Task<Dashboard?> LoadAsync(ClinicDbContext db, Guid therapistId, Guid coupleId, BatchedSessionCheck.Step? session,
        CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        if (session is not null) batch.BatchCommands.Add(session.Command);
        foreach (var sql in new[] { CoupleSql, PartnersSql, SessionsSql, RatingsSql, AssignmentsSql, EntriesSql, AssessmentsSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = coupleId });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = therapistId });
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (session is not null) await session.ConfirmAsync(reader, ct);
        var couple = await BatchRows.ReadAsync(reader, r => new CoupleRow(r.GetGuid(0), r.GetString(1), r.Enum<CoupleStatus>(2)), ct);
        var partners = await BatchRows.ReadAsync(reader, r => new PartnerRow(r.GetGuid(0), r.Enum<PartnerLabel>(1), r.GetString(2)), ct);
        var sessions = await BatchRows.ReadAsync(reader, r => new SessionRow(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.Enum<Attendance>(2),
            r.GetInt32(3), r.GetInt32(4), r.Nullable<double>(5), r.Nullable<int>(6), r.Nullable<int>(7), r.Nullable<int>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<string[]>(9), r.GetBoolean(10)), ct);
        var ratings = await BatchRows.ReadAsync(reader, r => new RatingRow(r.GetGuid(0), r.GetGuid(1), r.Enum<CyclePosition>(2), r.GetInt32(3)), ct);
        var assignments = await BatchRows.ReadAsync(reader, r => new AssignmentRow(r.GetGuid(0), r.GetString(1), r.Enum<Assignee>(2),
            r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4), r.GetInt32(5), r.Enum<AssignmentStatus>(6)), ct);
        var entries = await BatchRows.ReadAsync(reader, r => new EntryFact(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetFieldValue<DateOnly>(3),
            r.Enum<EntryRole>(4), EntryFields.ToValues(r.GetString(5))), ct);
        var assessments = await BatchRows.ReadAsync(reader, r => new AssessmentRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3),
            r.GetFieldValue<DateOnly>(4), r.Enum<AssessmentSource>(5), r.Nullable<double>(6), r.Nullable<double>(7),
            r.IsDBNull(8) ? null : r.Enum<AttachmentQuadrant>(8), BatchRows.Scores(r.GetString(9)), r.IsDBNull(10) ? null : r.GetString(10)), ct);
        return couple.Count == 0 ? null : new Dashboard(couple[0], partners, sessions, ratings, assignments, entries, assessments);
    }
}
