using Clinic.Api.Data;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Schema;

/// <summary>
/// The caseload reads a plan's review date with SQL (<see cref="TreatmentPlan.ReviewDueOnSql"/>) and counts sessions
/// with SQL; the rules "plan review due" and "no plan" are C# (<see cref="CaseloadAlerts"/>) over the entities. Over the
/// same rows — a review overdue, due today, not yet due, no plan after three sessions and after two, a closed couple
/// with an overdue plan — the SQL date equals the entity's, and the caseload's alerts equal the rules evaluated on
/// facts read through EF.
/// </summary>
public sealed class PlanSqlRulesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static readonly string[] PlanCodes = ["plan_review_due", "no_plan"];

    [Fact]
    public async Task PlanReviewDueAndNoPlan_CaseloadSqlAgreesWithTheDomainRule_CoupleByCouple()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var today = factory.Today();
        var overdue = await PlannedAsync(therapist, "Ana", "Ben", daysBack: 50);
        var dueToday = await PlannedAsync(therapist, "Cy", "Dee", daysBack: 42);
        var notDue = await PlannedAsync(therapist, "Eve", "Finn", daysBack: 41);
        var noPlan = await therapist.CreateCoupleAsync("Gil", "Hal");
        foreach (var days in new[] { 14, 7, 0 }) await therapist.CreateSessionAsync(noPlan, today.AddDays(-days).Iso());
        var twoSessions = await therapist.CreateCoupleAsync("Ivy", "Jo");
        foreach (var days in new[] { 7, 0 }) await therapist.CreateSessionAsync(twoSessions, today.AddDays(-days).Iso());
        var closed = await PlannedAsync(therapist, "Kai", "Lou", daysBack: 60);
        await therapist.CloseCoupleAsync(await therapist.GetJsonAsync($"/api/couples/{closed.Id()}"));
        var couples = new[] { overdue, dueToday, notDue, noPlan, twoSessions, closed }.Select(c => c.Id()).ToList();

        var caseload = (await therapist.GetJsonAsync("/api/dashboard/caseload"))["rows"]!.AsArray()
            .ToDictionary(r => Guid.Parse(r!["coupleId"]!.GetValue<string>()),
                r => r!["alerts"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).Where(PlanCodes.Contains).ToArray());

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var plans = await db.TreatmentPlans.Where(p => couples.Contains(p.CoupleId)).ToListAsync();
        var bySql = await ReviewDueOnBySqlAsync();
        foreach (var plan in plans) bySql[plan.CoupleId].Should().Be(plan.ReviewDueOn, "the caseload's SQL date is the entity's");

        var byRule = new Dictionary<Guid, string[]>();
        foreach (var id in couples)
        {
            var couple = await db.Couples.SingleAsync(c => c.Id == id);
            var facts = new CaseloadFacts
            {
                Today = today, Status = couple.Status, StartedOn = couple.StartedOn, LastContactOn = today,
                SessionsSoFar = await db.Sessions.CountAsync(s => s.CoupleId == id && s.Date <= today),
                PlanReviewDueOn = plans.SingleOrDefault(p => p.CoupleId == id && p.Version > 0)?.ReviewDueOn,
            };
            byRule[id] = CaseloadAlerts.Evaluate(facts).Select(a => Wire(a.Code)).Where(PlanCodes.Contains).ToArray();
        }

        foreach (var id in couples)
            caseload.GetValueOrDefault(id, []).Should().Equal(byRule[id], $"couple {id}: the caseload and the rule agree");
        byRule[overdue.Id()].Should().Equal("plan_review_due");
        byRule[dueToday.Id()].Should().Equal("plan_review_due");
        byRule[notDue.Id()].Should().BeEmpty();
        byRule[noPlan.Id()].Should().Equal("no_plan");
        byRule[twoSessions.Id()].Should().BeEmpty();
        byRule[closed.Id()].Should().BeEmpty("a closed couple has no alerts");
    }

    /// <summary>A couple with a plan reviewed every 6 weeks whose review clock started <paramref name="daysBack"/> days ago.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> PlannedAsync(ApiClient therapist, string first, string second, int daysBack)
    {
        var couple = await therapist.CreateCoupleAsync(first, second);
        await therapist.SavePlanAsync(couple, 0, Goal());
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE treatment_plans SET review_from = review_from - $2 WHERE couple_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = couple.Id() });
        command.Parameters.Add(new NpgsqlParameter { Value = daysBack });
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
        return couple;
    }

    private async Task<Dictionary<Guid, DateOnly>> ReviewDueOnBySqlAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT t.couple_id, {TreatmentPlan.ReviewDueOnSql("t")} FROM treatment_plans t", connection);
        var result = new Dictionary<Guid, DateOnly>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetGuid(0)] = reader.GetFieldValue<DateOnly>(1);
        return result;
    }

    private static string Wire(CaseloadAlertCode code) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code.ToString());
}
