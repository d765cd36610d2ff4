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
        int TargetPerWeek, AssignmentStatus Status, DateOnly? EndedOn)
    {
        public bool IsJoint => AssignedTo == Assignee.Both;
        public bool IsAssignedTo(PartnerLabel label) => HomeworkAssignment.Covers(AssignedTo, label);
        public DateOnly ActiveUntil(DateOnly today) => HomeworkAssignment.ActiveUntil(DueOn, EndedOn, today);
    }

    public sealed record AssessmentRow(Guid Id, Guid PartnerId, string InstrumentCode, int InstrumentVersion, DateOnly AdministeredOn,
        AssessmentSource Source, double? Avoidance, double? Anxiety, AttachmentQuadrant? Quadrant,
        IReadOnlyDictionary<string, double> Scores, string? Band, DateTimeOffset CreatedAt = default);

    public sealed record Dashboard(CoupleRow Couple, List<PartnerRow> Partners, List<SessionRow> Sessions, List<RatingRow> Ratings,
        List<AssignmentRow> Assignments, List<EntryFact> Entries, List<AssessmentRow> Assessments);

    // $1 the couple, $2 the therapist: every statement is limited to that pair.
    // The entity rules restated below (ownership, an entry that counts) come from their *Sql fragments (SqlRulesTests).
    private static readonly string Owned = $"JOIN couples c ON c.id = x.couple_id AND {Couples.Ownership.OwnedBySql("c", "$2")} WHERE x.couple_id = $1";

    private static readonly string CoupleSql = $"""SELECT c.id AS "Id", c.display_name AS "DisplayName", c.status AS "Status" FROM couples c WHERE c.id = $1 AND {Couples.Ownership.OwnedBySql("c", "$2")}""";

    private static readonly string PartnersSql = $"""SELECT x.id AS "Id", x.label AS "Label", x.first_name AS "FirstName" FROM partners x {Owned} ORDER BY x.label""";

    private static readonly string SessionsSql = $"""
        SELECT x.id AS "Id", x.date AS "Date", x.attendance AS "Attendance", x.eft_stage AS "EftStage", x.eft_step AS "EftStep",
               x.cycle_mean AS "CycleMean", r.episodes_since_last_session AS "Episodes", r.peak_intensity AS "PeakIntensity",
               r.repair_minutes AS "RepairMinutes", r.markers AS "Markers", x.cycle_corrected_at IS NOT NULL AS "Corrected"
        FROM sessions x LEFT JOIN cycle_records r ON r.session_id = x.id
        {Owned}
        ORDER BY x.date, x.start_time
        """;

    private static readonly string RatingsSql = $"""
        SELECT g.session_id AS "SessionId", g.partner_id AS "PartnerId", g.position AS "Position", g.intensity AS "Intensity"
        FROM sessions x JOIN cycle_ratings g ON g.session_id = x.id
        {Owned}
        """;

    private static readonly string AssignmentsSql = $"""
        SELECT x.id AS "Id", x.exercise_code AS "ExerciseCode", x.assigned_to AS "AssignedTo", x.starts_on AS "StartsOn",
               x.due_on AS "DueOn", x.target_per_week AS "TargetPerWeek", x.status AS "Status", x.ended_on AS "EndedOn"
        FROM homework_assignments x {Owned}
        """;

    // HomeworkMetrics.Facts' rule: entries that count (HomeworkEntry.Counts), oldest first.
    private static readonly string EntriesSql = $"""
        SELECT e.id AS "Id", e.assignment_id AS "AssignmentId", e.author_partner_id AS "PartnerId", e.occurred_on AS "OccurredOn",
               e.role AS "Role", e.fields::text AS "Fields"
        FROM homework_assignments x JOIN homework_entries e ON e.assignment_id = x.id
        {Owned} AND {HomeworkEntry.CountsSql("e")}
        ORDER BY e.created_at
        """;

    private static readonly string AssessmentsSql = $"""
        SELECT x.id AS "Id", x.partner_id AS "PartnerId", x.instrument_code AS "InstrumentCode", x.instrument_version AS "InstrumentVersion",
               x.administered_on AS "AdministeredOn", x.source AS "Source", x.avoidance AS "Avoidance", x.anxiety AS "Anxiety",
               x.quadrant AS "Quadrant", x.scores::text AS "Scores", x.band AS "Band", x.created_at AS "CreatedAt"
        FROM assessments x {Owned}
        ORDER BY {Assessment.ChronologicalSql("x")}
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
        var couple = await BatchRows.ReadAsync(reader, r => new CoupleRow(r.Get<Guid>("Id"), r.Get<string>("DisplayName"),
            r.Enum<CoupleStatus>("Status")), ct);
        var partners = await BatchRows.ReadAsync(reader, r => new PartnerRow(r.Get<Guid>("Id"), r.Enum<PartnerLabel>("Label"),
            r.Get<string>("FirstName")), ct);
        var sessions = await BatchRows.ReadAsync(reader, r => new SessionRow(r.Get<Guid>("Id"), r.Get<DateOnly>("Date"),
            r.Enum<Attendance>("Attendance"), r.Get<int>("EftStage"), r.Get<int>("EftStep"), r.Nullable<double>("CycleMean"),
            r.Nullable<int>("Episodes"), r.Nullable<int>("PeakIntensity"), r.Nullable<int>("RepairMinutes"), r.OrNull<string[]>("Markers"),
            r.Get<bool>("Corrected")), ct);
        var ratings = await BatchRows.ReadAsync(reader, r => new RatingRow(r.Get<Guid>("SessionId"), r.Get<Guid>("PartnerId"),
            r.Enum<CyclePosition>("Position"), r.Get<int>("Intensity")), ct);
        var assignments = await BatchRows.ReadAsync(reader, r => new AssignmentRow(r.Get<Guid>("Id"), r.Get<string>("ExerciseCode"),
            r.Enum<Assignee>("AssignedTo"), r.Get<DateOnly>("StartsOn"), r.Get<DateOnly>("DueOn"), r.Get<int>("TargetPerWeek"),
            r.Enum<AssignmentStatus>("Status"), r.Nullable<DateOnly>("EndedOn")), ct);
        var entries = await BatchRows.ReadAsync(reader, r => new EntryFact(r.Get<Guid>("Id"), r.Get<Guid>("AssignmentId"),
            r.Get<Guid>("PartnerId"), r.Get<DateOnly>("OccurredOn"), r.Enum<EntryRole>("Role"), EntryFields.ToValues(r.Get<string>("Fields"))), ct);
        var assessments = await BatchRows.ReadAsync(reader, r => new AssessmentRow(r.Get<Guid>("Id"), r.Get<Guid>("PartnerId"),
            r.Get<string>("InstrumentCode"), r.Get<int>("InstrumentVersion"), r.Get<DateOnly>("AdministeredOn"),
            r.Enum<AssessmentSource>("Source"), r.Nullable<double>("Avoidance"), r.Nullable<double>("Anxiety"),
            r.NullableEnum<AttachmentQuadrant>("Quadrant"), r.Scores("Scores"), r.OrNull<string>("Band"),
            r.Get<DateTimeOffset>("CreatedAt")), ct);
        return couple.Count == 0 ? null : new Dashboard(couple[0], partners, sessions, ratings, assignments, entries, assessments);
    }
}
