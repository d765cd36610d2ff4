using Clinic.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Dashboard;

/// <summary>
/// The caseload dashboard reads a whole caseload in five statements, whatever its size: one
/// row per couple with its session aggregates, then homework, entries, assessments and partners
/// for all couples at once. Column aliases match the row records' property names.
/// </summary>
internal static class CaseloadDashboardQueries
{
    public sealed record CoupleRow(Guid CoupleId, string DisplayName, string Status, DateOnly StartedOn, int SessionCount,
        DateOnly? LastSessionOn, DateOnly? NextSessionOn, int? EftStage, int? EftStep, double[]? RecentMeans,
        int PendingQuestionnaires, DateTimeOffset? OldestPendingRequestedAt, bool SafetyConcern);

    public sealed record AssignmentRow(Guid Id, Guid CoupleId, string ExerciseCode, string AssignedTo, DateOnly StartsOn,
        DateOnly DueOn, int TargetPerWeek);

    public sealed record EntryRow(Guid AssignmentId, Guid PartnerId, DateOnly OccurredOn);

    public sealed record AssessmentRow(Guid CoupleId, Guid PartnerId, string InstrumentCode, int InstrumentVersion,
        DateOnly AdministeredOn, double Avoidance, double Anxiety, long Rank);

    public sealed record PartnerRow(Guid Id, Guid CoupleId, string Label, string FirstName);

    // Sessions ranked newest first among past ones, and separately among past ones with a cycle record.
    public static Task<List<CoupleRow>> Couples(ClinicDbContext db, Guid therapistId, DateOnly today, CancellationToken ct) =>
        db.Database.SqlQueryRaw<CoupleRow>("""
            WITH mine AS (SELECT id, display_name, status, started_on FROM couples WHERE therapist_id = {0}),
            -- An index-only scan of ix_sessions_couple_id_date_start (cycle_mean is kept on the session):
            -- about 8 ms for a 40-couple caseload among 60 000 sessions, where averaging cycle_ratings took ~30.
            ranked AS (
                SELECT s.couple_id, s.date, s.start_time, s.eft_stage, s.eft_step, s.cycle_mean AS mean,
                       row_number() OVER (PARTITION BY s.couple_id, s.date <= {1} ORDER BY s.date DESC, s.start_time DESC) AS rn,
                       row_number() OVER (PARTITION BY s.couple_id, s.date <= {1} AND s.cycle_mean IS NOT NULL
                                          ORDER BY s.date DESC, s.start_time DESC) AS rated_rn
                FROM mine c JOIN sessions s ON s.couple_id = c.id)
            SELECT c.id AS "CoupleId", c.display_name AS "DisplayName", c.status AS "Status", c.started_on AS "StartedOn",
                   count(r.date) FILTER (WHERE r.date <= {1})::int AS "SessionCount",
                   max(r.date) FILTER (WHERE r.date <= {1}) AS "LastSessionOn",
                   min(r.date) FILTER (WHERE r.date > {1}) AS "NextSessionOn",
                   min(r.eft_stage) FILTER (WHERE r.date <= {1} AND r.rn = 1) AS "EftStage",
                   min(r.eft_step) FILTER (WHERE r.date <= {1} AND r.rn = 1) AS "EftStep",
                   array_agg(r.mean ORDER BY r.date, r.start_time) FILTER (WHERE r.date <= {1} AND r.mean IS NOT NULL AND r.rated_rn <= 3) AS "RecentMeans",
                   (SELECT count(*)::int FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "PendingQuestionnaires",
                   (SELECT min(q.requested_at) FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "OldestPendingRequestedAt",
                   (EXISTS (SELECT 1 FROM safety_flags f WHERE f.couple_id = c.id AND f.status = 'open')
                    OR EXISTS (SELECT 1 FROM risk_records k WHERE k.couple_id = c.id AND k.joint_sessions_paused)) AS "SafetyConcern"
            FROM mine c LEFT JOIN ranked r ON r.couple_id = c.id
            GROUP BY c.id, c.display_name, c.status, c.started_on
            """, therapistId, today).ToListAsync(ct);

    public static Task<List<AssignmentRow>> ActiveAssignments(ClinicDbContext db, Guid therapistId, CancellationToken ct) =>
        db.Database.SqlQueryRaw<AssignmentRow>("""
            SELECT a.id AS "Id", a.couple_id AS "CoupleId", a.exercise_code AS "ExerciseCode", a.assigned_to AS "AssignedTo",
                   a.starts_on AS "StartsOn", a.due_on AS "DueOn", a.target_per_week AS "TargetPerWeek"
            FROM homework_assignments a JOIN couples c ON c.id = a.couple_id
            WHERE c.therapist_id = {0} AND a.status = 'active'
            """, therapistId).ToListAsync(ct);

    public static Task<List<EntryRow>> RecentEntries(ClinicDbContext db, Guid therapistId, DateOnly from, CancellationToken ct) =>
        db.Database.SqlQueryRaw<EntryRow>("""
            SELECT e.assignment_id AS "AssignmentId", e.author_partner_id AS "PartnerId", e.occurred_on AS "OccurredOn"
            FROM homework_entries e
            JOIN homework_assignments a ON a.id = e.assignment_id
            JOIN couples c ON c.id = a.couple_id
            WHERE c.therapist_id = {0} AND a.status = 'active' AND e.withdrawn_at IS NULL AND e.occurred_on >= {1}
            """, therapistId, from).ToListAsync(ct);

    /// <summary>Each partner's two latest assessments per instrument: enough for the latest change.</summary>
    public static Task<List<AssessmentRow>> LatestAssessments(ClinicDbContext db, Guid therapistId, CancellationToken ct) =>
        db.Database.SqlQueryRaw<AssessmentRow>("""
            SELECT * FROM (
                SELECT a.couple_id AS "CoupleId", a.partner_id AS "PartnerId", a.instrument_code AS "InstrumentCode",
                       a.instrument_version AS "InstrumentVersion", a.administered_on AS "AdministeredOn",
                       a.avoidance AS "Avoidance", a.anxiety AS "Anxiety",
                       row_number() OVER (PARTITION BY a.partner_id, a.instrument_code
                                          ORDER BY a.administered_on DESC, a.created_at DESC) AS "Rank"
                FROM assessments a JOIN couples c ON c.id = a.couple_id
                WHERE c.therapist_id = {0}) ranked
            WHERE "Rank" <= 2
            """, therapistId).ToListAsync(ct);

    public static Task<List<PartnerRow>> Partners(ClinicDbContext db, Guid therapistId, CancellationToken ct) =>
        db.Database.SqlQueryRaw<PartnerRow>("""
            SELECT p.id AS "Id", p.couple_id AS "CoupleId", p.label AS "Label", p.first_name AS "FirstName"
            FROM partners p JOIN couples c ON c.id = p.couple_id
            WHERE c.therapist_id = {0}
            """, therapistId).ToListAsync(ct);
}
