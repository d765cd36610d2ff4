using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Domain.TreatmentPlans;
using Microsoft.EntityFrameworkCore;
using Clinic.Api.Infrastructure.Auth;
using Npgsql;

namespace Clinic.Api.Features.Dashboard;

/// <summary>
/// The caseload dashboard reads a whole caseload in eight statements sent as one batch (one round
/// trip), whatever its size: one row per couple with its session aggregates, then homework, entries,
/// assessments, partners, risk-item flags and scheduled questionnaires for all couples at once, and the waitlist's count. It is the heaviest read of the app, so it
/// takes the raw Npgsql path: no per-statement EF pipeline; each column is read by the name its statement gives it.
/// </summary>
internal static class CaseloadDashboardQueries
{
    /// <param name="NextBookedAt">The next booked appointment (DESIGN §9: the caseload's "next session").</param>
    /// <param name="LastHeldAt">The latest appointment held, which counts as contact for the 21-day rule.</param>
    public sealed record CoupleRow(Guid CoupleId, string DisplayName, CoupleStatus Status, DateOnly StartedOn, int SessionCount,
        DateOnly? LastSessionOn, DateTimeOffset? NextBookedAt, int? EftStage, int? EftStep, double[]? RecentMeans,
        int PendingQuestionnaires, DateTimeOffset? OldestPendingRequestedAt, string[]? SafetyCheckInFlagsFrom, bool JointSessionsPaused,
        DateTimeOffset? LastHeldAt, string[]? ConsentMissingFrom, DateOnly? PlanReviewDueOn, int UnreadMessages);

    /// <param name="EndedOn">Null while it runs; an assignment that ended inside the entries' window still counts for the days it ran.</param>
    public sealed record AssignmentRow(Guid Id, Guid CoupleId, string ExerciseCode, Assignee AssignedTo, DateOnly StartsOn,
        DateOnly DueOn, int TargetPerWeek, DateOnly? EndedOn)
    {
        public bool IsActive => EndedOn is null;
    }

    public sealed record EntryRow(Guid AssignmentId, Guid PartnerId, DateOnly OccurredOn);

    public sealed record AssessmentRow(Guid CoupleId, Guid PartnerId, string InstrumentCode, int InstrumentVersion,
        DateOnly AdministeredOn, IReadOnlyDictionary<string, double> Scores, long Rank);

    public sealed record PartnerRow(Guid Id, Guid CoupleId, PartnerLabel Label, string FirstName);

    /// <summary>An open flag raised by a questionnaire's risk item, with the instrument version that names its wording.</summary>
    public sealed record RiskFlagRow(Guid CoupleId, Guid PartnerId, string InstrumentCode, int InstrumentVersion, string[] Reasons);

    /// <summary>One of the last two answered-or-missed requests of a running schedule.</summary>
    public sealed record ScheduledOutcomeRow(Guid ScheduleId, Guid CoupleId, Guid PartnerId, string Instrument, string Status);

    /// <summary>The therapist's waitlist: couples still waiting (offered or not) and when the first of them was added.</summary>
    public sealed record WaitlistRow(int Waiting, DateTimeOffset? OldestAddedAt);

    public sealed record Caseload(List<CoupleRow> Couples, List<AssignmentRow> Assignments, List<EntryRow> Entries,
        List<AssessmentRow> Assessments, List<PartnerRow> Partners, List<RiskFlagRow> RiskFlags, List<ScheduledOutcomeRow> ScheduledOutcomes,
        WaitlistRow Waitlist);

    // Every statement: couples of the therapist in $1. The entity rules the statements restate (pending, open, paused,
    // active, an entry that counts) come from the entities' *Sql fragments, which SqlRulesTests checks against them.
    // $4, when not null, limits every statement to one couple: the overview's single row from the same statements.
    private static readonly string Owned = $"{Couples.Ownership.OwnedBySql("c", "$1")} AND ($4::uuid IS NULL OR c.id = $4)";

    // Per couple, a handful of probes of ix_sessions_couple_id_date_start (index-only: cycle_mean is kept on
    // the session) instead of ranking every session of the caseload: ~2 ms for a 40-couple caseload among
    // 60 000 sessions, where ranking took ~4.5 ms and averaging cycle_ratings per session ~30 ms.
    private static readonly string CouplesSql = $$"""
            SELECT c.id AS "CoupleId", c.display_name AS "DisplayName", c.status AS "Status", c.started_on AS "StartedOn",
                   (SELECT count(*)::int FROM sessions s WHERE s.couple_id = c.id AND s.date <= $2) AS "SessionCount",
                   last.date AS "LastSessionOn",
                   (SELECT min(a.starts_at) FROM appointments a WHERE a.couple_id = c.id AND {{Appointment.UpcomingAfterSql("a", "$3")}}) AS "NextBookedAt",
                   last.eft_stage AS "EftStage", last.eft_step AS "EftStep",
                   (SELECT array_agg(m.cycle_mean ORDER BY m.date, m.start_time) FROM (
                        SELECT s.date, s.start_time, s.cycle_mean FROM sessions s
                        WHERE s.couple_id = c.id AND s.date <= $2 AND s.cycle_mean IS NOT NULL
                        ORDER BY s.date DESC, s.start_time DESC LIMIT 3) m) AS "RecentMeans",
                   (SELECT count(*)::int FROM questionnaire_requests q WHERE q.couple_id = c.id AND {{QuestionnaireRequest.IsPendingSql("q")}}) AS "PendingQuestionnaires",
                   (SELECT min(q.requested_at) FROM questionnaire_requests q WHERE q.couple_id = c.id AND {{QuestionnaireRequest.IsPendingSql("q")}}) AS "OldestPendingRequestedAt",
                   (SELECT array_agg(p.first_name ORDER BY p.label) FROM partners p
                    WHERE p.couple_id = c.id AND EXISTS (SELECT 1 FROM safety_flags f WHERE f.partner_id = p.id
                                  AND {{SafetyFlag.IsOpenSql("f")}} AND NOT {{SafetyFlag.FromQuestionnaireSql("f")}})) AS "SafetyCheckInFlagsFrom",
                   EXISTS (SELECT 1 FROM risk_records k WHERE k.couple_id = c.id AND {{RiskRecord.JointSessionsPausedSql("k")}}) AS "JointSessionsPaused",
                   (SELECT max(a.starts_at) FROM appointments a WHERE a.couple_id = c.id AND {{Appointment.IsHeldSql("a")}}) AS "LastHeldAt",
                   (SELECT array_agg(p.first_name ORDER BY p.label) FROM partners p
                    WHERE p.couple_id = c.id AND NOT {{Agreements.ConsentGate.HasConsentedSql("p")}}
                      AND EXISTS (SELECT 1 FROM appointments a WHERE a.couple_id = c.id
                                  AND ({{Appointment.IsBookedSql("a")}} OR {{Appointment.IsHeldSql("a")}}))) AS "ConsentMissingFrom",
                   (SELECT {{TreatmentPlan.ReviewDueOnSql("tp")}} FROM treatment_plans tp WHERE tp.couple_id = c.id AND tp.version > 0) AS "PlanReviewDueOn",
                   {{Messaging.MessageQueries.UnreadForTherapistSql("c")}} AS "UnreadMessages"
            FROM couples c
            LEFT JOIN LATERAL (SELECT s.date, s.eft_stage, s.eft_step FROM sessions s WHERE s.couple_id = c.id AND s.date <= $2
                               ORDER BY s.date DESC, s.start_time DESC LIMIT 1) last ON true
            WHERE {{Owned}}
        """;

    private static readonly string AssignmentsSql = $$"""
            SELECT a.id AS "Id", a.couple_id AS "CoupleId", a.exercise_code AS "ExerciseCode", a.assigned_to AS "AssignedTo",
                   a.starts_on AS "StartsOn", a.due_on AS "DueOn", a.target_per_week AS "TargetPerWeek", a.ended_on AS "EndedOn"
            FROM homework_assignments a JOIN couples c ON c.id = a.couple_id
            WHERE {{Owned}} AND {{HomeworkAssignment.RanSinceSql("a", "$2")}}
        """;

    private static readonly string EntriesSql = $$"""
            SELECT e.assignment_id AS "AssignmentId", e.author_partner_id AS "PartnerId", e.occurred_on AS "OccurredOn"
            FROM homework_entries e
            JOIN homework_assignments a ON a.id = e.assignment_id
            JOIN couples c ON c.id = a.couple_id
            WHERE {{Owned}} AND {{HomeworkAssignment.RanSinceSql("a", "$2")}} AND {{HomeworkEntry.CountsSql("e")}} AND e.occurred_on >= $2
        """;

    // Each partner's two latest assessments per instrument: enough for the latest change.
    private static readonly string AssessmentsSql = $$"""
            SELECT * FROM (
                SELECT a.couple_id AS "CoupleId", a.partner_id AS "PartnerId", a.instrument_code AS "InstrumentCode",
                       a.instrument_version AS "InstrumentVersion", a.administered_on AS "AdministeredOn",
                       a.scores::text AS "Scores",
                       row_number() OVER (PARTITION BY a.partner_id, a.instrument_code
                                          ORDER BY {{Assessment.ChronologicalSql("a", latestFirst: true)}}) AS "Rank"
                FROM assessments a JOIN couples c ON c.id = a.couple_id
                WHERE {{Owned}}) ranked
            WHERE "Rank" <= 2
        """;

    private static readonly string PartnersSql = $$"""
            SELECT p.id AS "Id", p.couple_id AS "CoupleId", p.label AS "Label", p.first_name AS "FirstName"
            FROM partners p JOIN couples c ON c.id = p.couple_id
            WHERE {{Owned}}
        """;

    // Flags raised by a questionnaire's risk item have their own alert, first on the row.
    private static readonly string RiskFlagsSql = $$"""
            SELECT f.couple_id AS "CoupleId", f.partner_id AS "PartnerId", a.instrument_code AS "InstrumentCode",
                   a.instrument_version AS "InstrumentVersion", f.reasons AS "Reasons"
            FROM safety_flags f JOIN assessments a ON a.id = f.assessment_id JOIN couples c ON c.id = f.couple_id
            WHERE {{Owned}} AND {{SafetyFlag.IsOpenSql("f")}} AND {{SafetyFlag.FromQuestionnaireSql("f")}}
            ORDER BY f.raised_at
        """;

    // Per running schedule, its last two requests that are no longer pending: "missed two in a row" is both missed.
    private static readonly string ScheduledOutcomesSql = $$"""
            SELECT s.id AS "ScheduleId", s.couple_id AS "CoupleId", s.partner_id AS "PartnerId", s.instrument AS "Instrument", r.status AS "Status"
            FROM measure_schedules s JOIN couples c ON c.id = s.couple_id
            CROSS JOIN LATERAL (SELECT q.status FROM questionnaire_requests q
                                WHERE q.schedule_id = s.id AND {{QuestionnaireRequest.HasOutcomeSql("q")}}
                                ORDER BY q.due_on DESC LIMIT 2) r
            WHERE {{Owned}} AND NOT {{MeasureSchedule.IsStoppedSql("s")}}
        """;

    private const string WaitlistSql = """
            SELECT count(*)::int AS "Waiting", min(w.added_at) AS "OldestAddedAt"
            FROM waitlist_entries w WHERE w.therapist_id = $1 AND w.status = 'waiting'
        """;

    /// <summary>
    /// Runs on the context's connection and leaves it open. <paramref name="session"/>, when given, goes first in
    /// the same round trip (the session check and the audit row, <see cref="BatchedSessionCheck"/>).
    /// </summary>
    public static async Task<Caseload> LoadAsync(ClinicDbContext db, Guid therapistId, DateOnly today, DateTimeOffset now, DateOnly entriesFrom,
        BatchedSessionCheck.Step? session, CancellationToken ct, Guid? coupleId = null)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        if (session is not null) batch.BatchCommands.Add(session.Command);
        Add(batch, CouplesSql, therapistId, today, now, coupleId);
        Add(batch, AssignmentsSql, therapistId, entriesFrom, now, coupleId);
        Add(batch, EntriesSql, therapistId, entriesFrom, now, coupleId);
        Add(batch, AssessmentsSql, therapistId, today, now, coupleId);
        Add(batch, PartnersSql, therapistId, today, now, coupleId);
        Add(batch, RiskFlagsSql, therapistId, today, now, coupleId);
        Add(batch, ScheduledOutcomesSql, therapistId, today, now, coupleId);
        Add(batch, WaitlistSql, therapistId, today, now, coupleId);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (session is not null) await session.ConfirmAsync(reader, ct);
        var couples = await BatchRows.ReadAsync(reader, r => new CoupleRow(r.Get<Guid>("CoupleId"), r.Get<string>("DisplayName"),
            r.Enum<CoupleStatus>("Status"), r.Get<DateOnly>("StartedOn"), r.Get<int>("SessionCount"), r.Nullable<DateOnly>("LastSessionOn"),
            r.Nullable<DateTimeOffset>("NextBookedAt"), r.Nullable<int>("EftStage"), r.Nullable<int>("EftStep"),
            r.OrNull<double[]>("RecentMeans"), r.Get<int>("PendingQuestionnaires"), r.Nullable<DateTimeOffset>("OldestPendingRequestedAt"),
            r.OrNull<string[]>("SafetyCheckInFlagsFrom"), r.Get<bool>("JointSessionsPaused"), r.Nullable<DateTimeOffset>("LastHeldAt"),
            r.OrNull<string[]>("ConsentMissingFrom"), r.Nullable<DateOnly>("PlanReviewDueOn"), r.Get<int>("UnreadMessages")), ct);
        var assignments = await BatchRows.ReadAsync(reader, r => new AssignmentRow(r.Get<Guid>("Id"), r.Get<Guid>("CoupleId"),
            r.Get<string>("ExerciseCode"), r.Enum<Assignee>("AssignedTo"), r.Get<DateOnly>("StartsOn"), r.Get<DateOnly>("DueOn"),
            r.Get<int>("TargetPerWeek"), r.Nullable<DateOnly>("EndedOn")), ct);
        var entries = await BatchRows.ReadAsync(reader, r => new EntryRow(r.Get<Guid>("AssignmentId"), r.Get<Guid>("PartnerId"),
            r.Get<DateOnly>("OccurredOn")), ct);
        var assessments = await BatchRows.ReadAsync(reader, r => new AssessmentRow(r.Get<Guid>("CoupleId"), r.Get<Guid>("PartnerId"),
            r.Get<string>("InstrumentCode"), r.Get<int>("InstrumentVersion"), r.Get<DateOnly>("AdministeredOn"), r.Scores("Scores"),
            r.Get<long>("Rank")), ct);
        var partners = await BatchRows.ReadAsync(reader, r => new PartnerRow(r.Get<Guid>("Id"), r.Get<Guid>("CoupleId"),
            r.Enum<PartnerLabel>("Label"), r.Get<string>("FirstName")), ct);
        var riskFlags = await BatchRows.ReadAsync(reader, r => new RiskFlagRow(r.Get<Guid>("CoupleId"), r.Get<Guid>("PartnerId"),
            r.Get<string>("InstrumentCode"), r.Get<int>("InstrumentVersion"), r.Get<string[]>("Reasons")), ct);
        var outcomes = await BatchRows.ReadAsync(reader, r => new ScheduledOutcomeRow(r.Get<Guid>("ScheduleId"), r.Get<Guid>("CoupleId"),
            r.Get<Guid>("PartnerId"), r.Get<string>("Instrument"), r.Get<string>("Status")), ct);
        var waitlist = await BatchRows.ReadAsync(reader, r => new WaitlistRow(r.Get<int>("Waiting"), r.Nullable<DateTimeOffset>("OldestAddedAt")), ct);
        return new Caseload(couples, assignments, entries, assessments, partners, riskFlags, outcomes, waitlist.Single());
    }

    /// <summary>
    /// Every statement gets the same four typed parameters, used or not: $1 the therapist, $2 its date (today, or where
    /// the entries start), $3 now, $4 one couple or null for the whole caseload.
    /// </summary>
    private static void Add(NpgsqlBatch batch, string sql, Guid therapistId, DateOnly date, DateTimeOffset now, Guid? coupleId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = therapistId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)coupleId ?? DBNull.Value });
        batch.BatchCommands.Add(command);
    }
}
