using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Retention;

/// <summary>
/// The purge (DESIGN §17): every row of the couple's record goes — in every table that reaches the couple
/// through foreign keys, found from the catalogue, so a table added later is checked too — and nothing of
/// another couple changes; the partners' accounts are closed; one audit line without clinical content stays.
/// </summary>
public sealed class PurgeTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    // Tables this record fills today; each must hold rows of the couple before the purge, so the check below
    // is not vacuous. (A new table of a couple's record is checked as well, and should be filled by
    // RetentionBuilders.FullRecordAsync.)
    private static readonly string[] FilledTables =
    [
        "couples", "partners", "sessions", "cycle_records", "cycle_ratings", "session_amendments", "assessments",
        "questionnaire_requests", "homework_assignments", "homework_entries", "safety_checks", "safety_flags",
        "risk_records", "risk_record_revisions", "cycle_maps", "cycle_map_versions", "cycle_map_sides", "session_drafts",
        "appointments", "outbox_messages", "notification_preferences", "measure_schedules", "invitations", "couple_retention",
        "agreements", "agreement_signatures", "agreement_declines", "releases", "release_signatures", "form_requests",
        "treatment_plans", "treatment_plan_versions", "treatment_plan_reviews", "treatment_plan_agreements", "closing_summaries",
    ];

    [Fact]
    public async Task Purge_DeletesEveryRowOfTheCoupleInEveryTable_AndChangesNothingOfAnotherCouple()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var gone = await therapist.FullRecordAsync("Nora", "Ivo");
        var kept = await therapist.FullRecordAsync("Lena", "Paul");
        var today = factory.Today();
        await therapist.CloseLongAgoAsync(gone.Couple, today.AddYears(-8));
        await therapist.CloseLongAgoAsync(kept.Couple, today.AddYears(-8));
        var goneId = gone.Couple.Id();
        var keptId = kept.Couple.Id();
        var before = await factory.RowsOfCoupleAsync(goneId);
        var other = await factory.RowsOfCoupleAsync(keptId);
        var countsBefore = await factory.RowCountsAsync();
        var partnerUsers = await PartnerUsersAsync(goneId);
        var otherPartnerUsers = await PartnerUsersAsync(keptId);
        var keptIdempotency = await factory.ScalarAsync<long>(
            $"SELECT count(*) FROM idempotency_keys WHERE user_id IN ('{otherPartnerUsers[0]}', '{otherPartnerUsers[1]}')");
        before.Where(t => t.Value.Count > 0).Select(t => t.Key).Should().Contain(FilledTables);

        var result = await (await factory.AdminAsync()).PostJsonAsync($"/api/admin/retention/{goneId}/purge",
            new { confirm = "Nora & Ivo" }, HttpStatusCode.OK);

        result["rowsDeleted"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(before.Sum(t => t.Value.Count));
        result["accountsClosed"]!.GetValue<int>().Should().Be(2);
        var countsAfter = await factory.RowCountsAsync();
        foreach (var (table, rows) in before)
        {
            (await factory.CurrentRowsAsync(table, rows.Keys)).Should().BeEmpty($"every row of the purged couple in {table} is deleted");
            var otherRows = other.GetValueOrDefault(table) ?? [];
            (await factory.CurrentRowsAsync(table, otherRows.Keys)).Should().Equal(otherRows, $"the other couple's rows in {table} are untouched");
            countsAfter[table].Should().Be(countsBefore[table] - rows.Count, $"only the purged couple's rows left {table}");
        }
        foreach (var table in (await factory.TablesWithColumnAsync("couple_id")).Where(t => t != "audit_events"))
            (await factory.CountWhereAsync(table, "couple_id", goneId)).Should().Be(0, $"{table} keeps nothing that names the couple");
        (await factory.CountWhereAsync("users", "partner_id", gone.Couple.PartnerId(0))).Should().Be(0);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM idempotency_keys WHERE user_id IN ('{partnerUsers[0]}', '{partnerUsers[1]}')"))
            .Should().Be(0, "stored answers to the partners' retried writes copy their entries");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM idempotency_keys WHERE user_id IN ('{otherPartnerUsers[0]}', '{otherPartnerUsers[1]}')"))
            .Should().Be(keptIdempotency);
    }

    [Fact]
    public async Task Purge_ClosesThePartnersAccounts_AndLeavesOneAuditLineWithoutClinicalContent()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var record = await therapist.FullRecordAsync("Mira", "Jonas");
        var emailA = record.Couple["partners"]![0]!["email"]!.GetValue<string>();
        await therapist.CloseLongAgoAsync(record.Couple, factory.Today().AddYears(-10));
        var users = await PartnerUsersAsync(record.Couple.Id());
        var admin = await factory.AdminAsync();

        await admin.PostJsonAsync($"/api/admin/retention/{record.Couple.Id()}/purge", new { confirm = "Mira & Jonas" }, HttpStatusCode.OK);

        (await factory.Anonymous().TryLoginAsync(emailA, Accounts.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await record.PartnerB.GetAsync("/api/portal/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "their sessions end at once");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM users WHERE id IN ('{users[0]}', '{users[1]}') " +
                                        "AND status = 'deactivated' AND email IS NULL AND first_name = '' AND password_hash IS NULL"))
            .Should().Be(2, "the accounts are closed and keep nothing that names the person");
        var trail = await admin.GetJsonAsync($"/api/admin/audit?coupleId={record.Couple.Id()}&action=retention.purge");
        var line = trail["items"]!.AsArray().Should().ContainSingle().Subject!;
        var detail = line["detail"]!.GetValue<string>();
        detail.Should().Contain("retention 7 years").And.NotContainAny("Mira", "Jonas", "Reed", emailA, "chase", "Check in weekly");
        (await admin.GetJsonAsync($"/api/admin/audit?coupleId={record.Couple.Id()}&pageSize=100"))["total"]!.GetValue<int>()
            .Should().BeGreaterThan(1, "the audit trail is append-only: earlier lines about the couple stay");
    }

    [Fact]
    public async Task Purge_UnderLegalHold_Returns409_AndDeletesNothing()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Held", "Pair");
        await therapist.CloseLongAgoAsync(couple, factory.Today().AddYears(-9));
        var admin = await factory.AdminAsync();
        await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/admin/retention/{couple.Id()}/hold",
            new { hold = true, reason = "Complaint under investigation." });

        var response = await admin.PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { confirm = "Held & Pair" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("legal hold");
        (await factory.CountWhereAsync("couples", "id", couple.Id())).Should().Be(1);
    }

    [Fact]
    public async Task Purge_InsideTheRetentionPeriod_Returns409NamingTheDate()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Recent", "Close");
        var closedOn = factory.Today().AddYears(-7).AddDays(1);
        await therapist.CloseLongAgoAsync(couple, closedOn);

        var response = await (await factory.AdminAsync()).PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { confirm = "Recent & Close" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.JsonAsync())["detail"]!.GetValue<string>().Should().Contain(closedOn.AddYears(7).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        (await factory.CountWhereAsync("couples", "id", couple.Id())).Should().Be(1);
    }

    [Fact]
    public async Task Purge_OfAnOpenCouple_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Still", "Open");

        var response = await (await factory.AdminAsync()).PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { confirm = "Still & Open" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Purge_WithoutTheExactName_Returns400NamingConfirm()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Exact", "Name");
        await therapist.CloseLongAgoAsync(couple, factory.Today().AddYears(-12));
        var admin = await factory.AdminAsync();

        var wrong = await admin.PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { confirm = "exact & name" });
        var empty = await admin.PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { });

        (await wrong.ErrorFieldsAsync()).Should().Equal("confirm");
        (await empty.ErrorFieldsAsync()).Should().Equal("confirm");
        (await factory.CountWhereAsync("couples", "id", couple.Id())).Should().Be(1);
    }

    [Fact]
    public async Task Purge_ByATherapist_Returns403_AndAnUnknownCouple404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Not", "Yours");
        await therapist.CloseLongAgoAsync(couple, factory.Today().AddYears(-12));

        (await therapist.PostAsync($"/api/admin/retention/{couple.Id()}/purge", new { confirm = "Not & Yours" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.AdminAsync()).PostAsync($"/api/admin/retention/{Guid.NewGuid()}/purge", new { confirm = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PurgeFunction_RefusesAHeldCouple_EvenCalledDirectlyByTheAppsRole()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync("Direct", "Call");
        await therapist.CloseLongAgoAsync(couple, factory.Today().AddYears(-12));
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/couples/{couple.Id()}/retention",
            new { legalHold = true, holdReason = "Subpoena." });

        var call = () => factory.ScalarAsync<long>($"SELECT count(*) FROM purge_couple('{couple.Id()}', current_date)");

        (await call.Should().ThrowAsync<Npgsql.PostgresException>()).Which.SqlState.Should().Be("23514");
        (await factory.CountWhereAsync("couples", "id", couple.Id())).Should().Be(1);
    }

    private async Task<Guid[]> PartnerUsersAsync(Guid coupleId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT user_id FROM partners WHERE couple_id = $1 AND user_id IS NOT NULL ORDER BY label", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = coupleId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids.ToArray();
    }
}
