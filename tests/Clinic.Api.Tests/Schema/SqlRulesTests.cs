using System.Net;
using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;
using static Clinic.Api.Tests.Infrastructure.HomeworkBuilders;
using static Clinic.Api.Tests.Infrastructure.ScheduleBuilders;

namespace Clinic.Api.Tests.Schema;

/// <summary>
/// The dashboards read with raw SQL for speed, and that SQL restates entity rules. Each rule's SQL is a named
/// fragment beside its entity predicate; this evaluates both over the same stored rows — rows on both sides of
/// every rule — and proves they give the same answer for each row.
/// </summary>
public sealed class SqlRulesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task EverySqlFragment_AgreesWithItsEntityPredicate_RowByRow()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await (await factory.SignedInTherapistAsync()).CreateCoupleAsync("Kim", "Lee");
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);

        // Flags: one open, one resolved. Risk records: one pausing joint sessions, one not.
        await therapist.RaiseFlagAsync(couple, alex);
        await sam.AnswerMyCheckInAsync(SafetyBuilders.AnswersWith("afraidToSpeakInJointSessions", "yes"));
        var flags = (await therapist.SafetyAsync(couple))["flags"]!.AsArray();
        await therapist.PostJsonAsync($"/api/safety-flags/{flags[1]!.Id()}/resolve", new { note = "Talked it through." }, HttpStatusCode.OK);
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true));
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(paused: false));
        // Questionnaires: answered, pending, withdrawn (cancelled has no route yet, so it is set in the table).
        await alex.AnswerQuestionnaireAsync(await therapist.RequestQuestionnaireAsync(couple, 0), EcrRsAll(4));
        await therapist.RequestQuestionnaireAsync(couple, 0);
        var cancelled = await therapist.RequestQuestionnaireAsync(couple, 1);
        await ExecuteAsync($"UPDATE questionnaire_requests SET status = 'cancelled' WHERE id = '{cancelled.Id()}'");
        // A missed scheduled request (the round that closes it is the scheduler's; here it is set in the table).
        var missed = await therapist.RequestQuestionnaireAsync(couple, 1);
        await ExecuteAsync($"UPDATE questionnaire_requests SET status = 'missed' WHERE id = '{missed.Id()}'");
        // A flag raised by PHQ-9 item 9 beside the check-in flags above. Schedules: one running, one stopped.
        await alex.AnswerQuestionnaireAsync(await therapist.RequestQuestionnaireAsync(couple, 0, instrument: "PHQ-9"), Phq9(total: 5, item9: 1));
        await therapist.ScheduleAsync(couple, 0, factory.PracticeToday().AddDays(7));
        var stopped = await therapist.ScheduleAsync(couple, 1, factory.PracticeToday().AddDays(7));
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete, $"/api/couples/{couple.Id()}/measure-schedules/{stopped.Id()}");
        // Homework: active, completed, cancelled; entries standing, withdrawn, and one without a role.
        var active = await therapist.AssignAsync(couple, assignedTo: "partner_a");
        await therapist.AssignAsync(couple, assignedTo: "partner_b");
        foreach (var status in new[] { "completed", "cancelled" })
        {
            var closed = await therapist.AssignAsync(couple, assignedTo: "partner_a");
            await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{closed.Id()}",
                new { version = closed["version"]!.GetValue<uint>(), status });
        }
        var today = factory.Today();
        await alex.LogAsync(active, ReachOutEntry(today));
        var withdrawn = await alex.LogAsync(active, ReachOutEntry(today.AddDays(-1)));
        await alex.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/portal/entries/{withdrawn.Id()}");
        var roleless = await alex.LogAsync(active, ReachOutEntry(today.AddDays(-2)));
        await ExecuteAsync($"UPDATE homework_entries SET role = NULL WHERE id = '{roleless.Id()}'");
        // Appointments: booked, held (set in the table: holding waits for the appointment's day), cancelled.
        // Individual ones, since this couple's joint sessions are paused.
        await therapist.BookAsync(couple, factory.Local(3), attendees: "partner_a");
        var held = await therapist.BookAsync(couple, factory.Local(4), attendees: "partner_a");
        await ExecuteAsync($"UPDATE appointments SET status = 'held' WHERE id = '{held.Id()}'");
        var called = await therapist.BookAsync(couple, factory.Local(5), attendees: "partner_b");
        (await therapist.PatchAppointmentAsync(called, new { version = called.Version(), status = "cancelled" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        await AgreeAsync(db.QuestionnaireRequests, r => r.Id, r => r.IsPending, "questionnaire_requests", QuestionnaireRequest.IsPendingSql);
        await AgreeAsync(db.SafetyFlags, f => f.Id, f => f.IsOpen, "safety_flags", SafetyFlag.IsOpenSql);
        await AgreeAsync(db.SafetyFlags, f => f.Id, f => f.FromQuestionnaire, "safety_flags", SafetyFlag.FromQuestionnaireSql);
        await AgreeAsync(db.QuestionnaireRequests, r => r.Id, r => r.HasOutcome, "questionnaire_requests", QuestionnaireRequest.HasOutcomeSql);
        await AgreeAsync(db.MeasureSchedules, m => m.Id, m => m.IsStopped, "measure_schedules", MeasureSchedule.IsStoppedSql);
        await AgreeAsync(db.RiskRecords, r => r.Id, r => r.JointSessionsPaused, "risk_records", RiskRecord.JointSessionsPausedSql);
        await AgreeAsync(db.HomeworkAssignments, a => a.Id, a => a.IsActive, "homework_assignments", HomeworkAssignment.IsActiveSql);
        // The closed ones ended today: "ran since tomorrow" holds for the running one only.
        var tomorrow = factory.PracticeToday().AddDays(1);
        await AgreeAsync(db.HomeworkAssignments, a => a.Id, a => a.RanSince(tomorrow), "homework_assignments",
            t => HomeworkAssignment.RanSinceSql(t, $"'{tomorrow:yyyy-MM-dd}'::date"));
        await AgreeAsync(db.HomeworkEntries, e => e.Id, e => e.Counts, "homework_entries", HomeworkEntry.CountsSql);
        // Who may see an entry: one expression, filtered in SQL by the portal's query and evaluated in memory here.
        foreach (var partnerId in new[] { couple.PartnerId(0), couple.PartnerId(1) })
        {
            var visible = HomeworkEntry.VisibleTo(partnerId);
            var inMemory = (await db.HomeworkEntries.ToListAsync()).ToDictionary(e => e.Id, visible.Compile());
            var inSql = (await db.HomeworkEntries.Where(visible).Select(e => e.Id).ToListAsync()).ToHashSet();
            inMemory.Where(kv => kv.Value).Select(kv => kv.Key).Should().BeEquivalentTo(inSql, "the database and the rule agree on who sees each entry");
            inMemory.Values.Should().Contain(true);
        }
        (await db.HomeworkEntries.ToListAsync()).Select(HomeworkEntry.VisibleTo(couple.PartnerId(1)).Compile())
            .Should().Contain(false, "Sam does not see Alex's withdrawn entry");
        // Which partners an assignment covers: one expression, filtered in SQL by the portal's queries and compiled in memory.
        foreach (var label in Enum.GetValues<Clinic.Api.Domain.Couples.PartnerLabel>())
            await ExpressionAgreesAsync(db.HomeworkAssignments, a => a.Id, HomeworkAssignment.Covers(label));
        (await db.HomeworkAssignments.ToListAsync()).Should().OnlyContain(a =>
            a.IsAssignedTo(Clinic.Api.Domain.Couples.PartnerLabel.PartnerA) == HomeworkAssignment.Covers(a.AssignedTo, Clinic.Api.Domain.Couples.PartnerLabel.PartnerA));
        await AgreeAsync(db.Appointments, a => a.Id, a => a.IsBooked, "appointments", Appointment.IsBookedSql);
        await AgreeAsync(db.Appointments, a => a.Id, a => a.IsHeld, "appointments", Appointment.IsHeldSql);
        // "Next appointment": the entity, its EF expression and the caseload's SQL agree on what starts after now.
        var now = factory.Clock.GetUtcNow();
        await AgreeAsync(db.Appointments, a => a.Id, a => a.IsUpcomingAfter(now), "appointments",
            t => Appointment.UpcomingAfterSql(t, $"'{now:O}'::timestamptz"));
        (await db.Appointments.Where(Appointment.UpcomingAfter(now)).Select(a => a.Id).ToListAsync())
            .Should().BeEquivalentTo((await db.Appointments.ToListAsync()).Where(a => a.IsUpcomingAfter(now)).Select(a => a.Id));

        // The safety gate's expressions: the database and the compiled rule agree, flag by flag and record by record.
        await ExpressionAgreesAsync(db.SafetyFlags, f => f.Id, SafetyFlag.Open);
        await ExpressionAgreesAsync(db.RiskRecords, r => r.Id, RiskRecord.PausesJointWork);
        SafetyGate.BlocksJointWork(await db.SafetyFlags.Where(f => f.CoupleId == couple.Id()).ToListAsync(),
            await db.RiskRecords.Where(r => r.CoupleId == couple.Id()).ToListAsync()).Should()
            .Be(await SafetyGate.NeedsJointConfirmationAsync(db, couple.Id(), CancellationToken.None)).And.BeTrue();
        // Portal access: Alex's account reaches this couple through Alex's partner record, not through Sam's.
        var alexUser = Guid.Parse(alex.User!["id"]!.GetValue<string>());
        var couples = await db.Couples.Include(c => c.Partners).ToListAsync();
        foreach (var (partnerId, reaches) in new[] { (couple.PartnerId(0), true), (couple.PartnerId(1), false) })
        {
            var reached = Clinic.Api.Domain.Couples.Couple.ReachedByPortal(partnerId, alexUser);
            var inSql = await db.Couples.Where(reached).Select(c => c.Id).ToListAsync();
            couples.Where(reached.Compile()).Select(c => c.Id).Should().BeEquivalentTo(inSql, "memory and SQL agree on portal access");
            inSql.Should().HaveCount(reaches ? 1 : 0);
        }

        var owner = new Therapist(Guid.Parse(therapist.User!["id"]!.GetValue<string>()));
        var owned = (await db.Couples.OwnedBy(owner).Select(c => c.Id).ToListAsync()).ToHashSet();
        var everyCouple = await db.Couples.Select(c => c.Id).ToListAsync();
        var byEntity = everyCouple.ToDictionary(id => id, owned.Contains);
        (await EvaluateAsync($"SELECT c.id, ({Ownership.OwnedBySql("c", "$1")}) FROM couples c", owner.Id)).Should().Equal(byEntity);
        byEntity.Values.Should().Contain(true).And.Contain(false);
    }

    private async Task AgreeAsync<T>(IQueryable<T> rows, Func<T, Guid> id, Func<T, bool> predicate, string table,
        Func<string, string> sql) where T : class
    {
        var byEntity = (await rows.ToListAsync()).ToDictionary(id, predicate);
        var bySql = await EvaluateAsync($"SELECT t.id, ({sql("t")}) FROM {table} t");
        bySql.Should().Equal(byEntity, $"{table}: the SQL fragment and the entity predicate must agree on every row");
        byEntity.Values.Should().Contain(true, $"{table} has a row the rule holds for")
            .And.Contain(false, $"{table} has a row the rule does not hold for");
    }

    /// <summary>An entity rule as an expression: EF's translation and the compiled rule pick the same rows, and both kinds exist.</summary>
    private static async Task ExpressionAgreesAsync<T>(IQueryable<T> rows, Func<T, Guid> id, System.Linq.Expressions.Expression<Func<T, bool>> rule)
        where T : class
    {
        var inMemory = (await rows.ToListAsync()).ToDictionary(id, rule.Compile());
        var inSql = (await rows.Where(rule).ToListAsync()).Select(id).ToHashSet();
        inMemory.Where(kv => kv.Value).Select(kv => kv.Key).Should().BeEquivalentTo(inSql, $"{typeof(T).Name}: EF and memory agree");
        inMemory.Values.Should().Contain(true).And.Contain(false);
    }

    private async Task<Dictionary<Guid, bool>> EvaluateAsync(string sql, Guid? parameter = null)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is { } p) command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = p });
        var result = new Dictionary<Guid, bool>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetGuid(0)] = reader.GetBoolean(1);
        return result;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private sealed record Therapist(Guid Id) : ICurrentUser
    {
        public string Role => Clinic.Api.Domain.Users.Roles.Therapist;
        public Guid SessionId => Guid.Empty;
        public Guid? PartnerId => null;
        public string? ClientAddress => null;
        public bool IsAuthenticated => true;
    }
}
