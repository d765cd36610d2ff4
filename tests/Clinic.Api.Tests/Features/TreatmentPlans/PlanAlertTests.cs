using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.TreatmentPlanBuilders;

namespace Clinic.Api.Tests.Features.TreatmentPlans;

/// <summary>The caseload's "no plan" and "plan review due" alerts.</summary>
public sealed class PlanAlertTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static async Task<string[]> AlertsAsync(ApiClient therapist, System.Text.Json.Nodes.JsonNode couple) =>
        (await therapist.CaseloadRowAsync(couple))["alerts"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToArray();

    /// <summary>As if the plan had been saved <paramref name="days"/> days earlier (moving the clock would end the sign-in).</summary>
    private async Task MoveReviewClockBackAsync(System.Text.Json.Nodes.JsonNode couple, int days)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("UPDATE treatment_plans SET review_from = review_from - $2 WHERE couple_id = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = couple.Id() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = days });
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Caseload_FlagsNoPlanAfterThreeSessions_ThenAReviewDueEveryReviewEveryWeeks_UntilReviewed()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var today = factory.Today();
        await therapist.CreateSessionAsync(couple, today.AddDays(-14).Iso());
        await therapist.CreateSessionAsync(couple, today.AddDays(-7).Iso());
        var afterTwo = await AlertsAsync(therapist, couple);
        await therapist.CreateSessionAsync(couple, today.Iso());
        var afterThree = await AlertsAsync(therapist, couple);
        var noPlanMessage = (await therapist.CaseloadRowAsync(couple))["alerts"]!.AsArray()
            .Single(a => a!["code"]!.GetValue<string>() == "no_plan")!["message"]!.GetValue<string>();

        await therapist.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, couple.PlanUrl(),
            new { version = 0, reviewEvery = 2, problemStatements = Array.Empty<string>(), goals = new[] { Goal() } });
        var planned = await AlertsAsync(therapist, couple);
        await MoveReviewClockBackAsync(couple, 15);
        var due = await AlertsAsync(therapist, couple);
        await therapist.PostJsonAsync($"{couple.PlanUrl()}/reviews", new { summary = "On track." });
        var reviewed = await AlertsAsync(therapist, couple);

        afterTwo.Should().NotContain("no_plan");
        afterThree.Should().Contain("no_plan");
        noPlanMessage.Should().Be("No treatment plan after 3 sessions.");
        planned.Should().NotContain(["no_plan", "plan_review_due"]);
        due.Should().Contain("plan_review_due");
        reviewed.Should().NotContain("plan_review_due");
    }
}
