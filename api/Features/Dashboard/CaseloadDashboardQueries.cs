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

    // Per couple, a handful of probes of ix_sessions_couple_id_date_start (index-only: cycle_mean is kept on
    // the session) instead of ranking every session of the caseload: ~2 ms for a 40-couple caseload among
    // 60 000 sessions, where ranking took ~4.5 ms and averaging cycle_ratings per session ~30 ms.
    public static Task<List<CoupleRow>> Couples(ClinicDbContext db, Guid therapistId, DateOnly today, CancellationToken ct) =>
        db.Database.SqlQueryRaw<CoupleRow>("""
            SELECT c.id AS "CoupleId", c.display_name AS "DisplayName", c.status AS "Status", c.started_on AS "StartedOn",
                   (SELECT count(*)::int FROM sessions s WHERE s.couple_id = c.id AND s.date <= {1}) AS "SessionCount",
                   last.date AS "LastSessionOn",
                   (SELECT min(s.date) FROM sessions s WHERE s.couple_id = c.id AND s.date > {1}) AS "NextSessionOn",
                   last.eft_stage AS "EftStage", last.eft_step AS "EftStep",
                   (SELECT array_agg(m.cycle_mean ORDER BY m.date, m.start_time) FROM (
                        SELECT s.date, s.start_time, s.cycle_mean FROM sessions s
                        WHERE s.couple_id = c.id AND s.date <= {1} AND s.cycle_mean IS NOT NULL
                        ORDER BY s.date DESC, s.start_time DESC LIMIT 3) m) AS "RecentMeans",
                   (SELECT count(*)::int FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "PendingQuestionnaires",
                   (SELECT min(q.requested_at) FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "OldestPendingRequestedAt",
                   (EXISTS (SELECT 1 FROM safety_flags f WHERE f.couple_id = c.id AND f.status = 'open')
                    OR EXISTS (SELECT 1 FROM risk_records k WHERE k.couple_id = c.id AND k.joint_sessions_paused)) AS "SafetyConcern"
            FROM couples c
            LEFT JOIN LATERAL (SELECT s.date, s.eft_stage, s.eft_step FROM sessions s WHERE s.couple_id = c.id AND s.date <= {1}
                               ORDER BY s.date DESC, s.start_time DESC LIMIT 1) last ON true
            WHERE c.therapist_id = {0}
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
