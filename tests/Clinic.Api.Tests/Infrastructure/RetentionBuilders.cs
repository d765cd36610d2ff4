using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// A couple with something in every part of its record, arranged through the API, and the rows of a
/// couple read from the database catalogue (every table that reaches <c>couples</c> by foreign keys).
/// </summary>
public static class RetentionBuilders
{
    public sealed record FullRecord(JsonNode Couple, ApiClient PartnerA, ApiClient PartnerB);

    /// <summary>
    /// Sessions (one signed and amended, with the cycle record), assessments, a questionnaire answered in the
    /// portal, homework with private and shared entries (one sent with an Idempotency-Key), a check-in that
    /// raised a flag, a risk record saved twice, a shared cycle map, a session draft, an appointment (with its
    /// emails), a measure schedule, reminder preferences, an agreement signed by one partner and declined by the other,
    /// a signed release, an intake form in progress, a treatment plan saved twice, reviewed and agreed to by one partner,
    /// and a legal hold placed and released (closing, as the purge needs, adds the signed closing summary).
    /// A feature that adds a table of a couple's record should add a row of it here.
    /// </summary>
    public static async Task<FullRecord> FullRecordAsync(this ApiClient therapist, string first, string second)
    {
        var factory = therapist.Factory;
        var couple = await therapist.CreateCoupleAsync(first, second);
        var a = await therapist.SignedInPartnerAsync(couple, 0);
        var b = await therapist.SignedInPartnerAsync(couple, 1);

        var session = await therapist.CreateSessionAsync(couple, "2026-11-09");
        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/sign", new { version = session["version"]!.GetValue<uint>() }, HttpStatusCode.OK);
        await therapist.PostJsonAsync($"/api/sessions/{session.Id()}/amendments", new { text = $"{first} named the chase first." });
        await therapist.CreateSessionAsync(couple, "2026-11-16", 5, 4);
        await therapist.RecordAssessmentAsync(couple, 1, AssessmentBuilders.EcrRsAll(4));
        var request = await therapist.RequestQuestionnaireAsync(couple, 0, share: true);
        await a.AnswerQuestionnaireAsync(request, AssessmentBuilders.EcrRsAll(3));

        var both = await therapist.AssignAsync(couple, "taking-turns", "both");
        await a.LogAsync(both, HomeworkBuilders.TurnsEntry(factory.Today(), "needing", "shared", feltHeard: 4));
        await b.LogAsync(both, HomeworkBuilders.TurnsEntry(factory.Today(), "supporting", "private", feltHeard: 3));
        var reachOut = await therapist.AssignAsync(couple, "reach-out", "partner_a");
        (await a.PostEntryAsync(reachOut.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()), $"key-{Guid.NewGuid():N}"))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        // Inviting a partner sent them the intake check-in: answering it so raises a flag.
        await therapist.RaiseFlagAsync(couple, a);
        var risk = await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(planNotes: "Check in weekly."));
        await therapist.PutRiskRecordAsync(couple, 1, SafetyBuilders.RiskRecord(risk["version"]!.GetValue<uint>(), planNotes: "Weekly, then fortnightly."));

        await therapist.SaveMapAsync(couple, 0);
        await therapist.ShareMapAsync(couple);
        (await therapist.SendAsync(HttpMethod.Put, "/api/me/session-drafts", new { coupleId = couple.Id(), note = $"{first} arrived late." }))
            .EnsureSuccessStatusCode();
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/appointments",
            AppointmentBuilders.NewAppointment(factory.Local(3, "10:00"), confirmOverlap: true, confirmSafety: true));
        await therapist.ScheduleAsync(couple, 1, factory.Today());
        await b.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/portal/notification-preferences",
            new { appointmentReminders = true, homeworkNudges = false, questionnaireReminders = true, quietHoursStart = "21:00", quietHoursEnd = "08:00" });
        // Agreements (issue 28): the consent signed by one partner and declined by the other, a release the first
        // partner signed, an intake form the first partner answered.
        await factory.PublishDocumentsAsync();
        var agreement = await therapist.SendAgreementAsync(couple);
        await a.SignedAsync(agreement.Id(), couple.FullName(0));
        await b.PostJsonAsync($"/api/portal/agreements/{agreement.Id()}/decline", new { reason = $"{second} wants to talk first." }, HttpStatusCode.OK);
        var release = await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/releases", new
        {
            recipient = "Dr Rivera, family doctor", purpose = "Coordinating care", includes = new[] { "measures" },
            from = "2026-01-01", to = "2026-12-31", expiresOn = factory.Today().AddDays(90).Iso(), partnerId = couple.PartnerId(0),
        });
        (await a.PostAsync($"/api/portal/releases/{release.Id()}/sign", new { typedName = couple.FullName(0), agreeToSignElectronically = true }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/form-requests", new { formCode = "couples-intake", partnerId = couple.PartnerId(0) });
        var form = (await a.GetJsonAsync("/api/portal/forms"))["items"]!.AsArray().Single()!;
        await a.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/portal/forms/{form.Id()}/draft",
            new { answers = new { yearsTogether = 7, mainConcern = $"{first} and {second} fight about chores." } });

        // The treatment plan (issue 29): two versions, a review, and the first partner's agreement to the current one.
        await therapist.SavePlanAsync(couple, 0, TreatmentPlanBuilders.Goal($"{first} and {second} name the cycle together."));
        await therapist.SavePlanAsync(couple, 1, TreatmentPlanBuilders.Goal($"{first} and {second} repair within a day.",
            measure: TreatmentPlanBuilders.Instrument("ECR-RS", "anxiety", "at_most", 3.5)));
        await therapist.PostJsonAsync($"{couple.PlanUrl()}/reviews", new { summary = $"{first} reaches out more often." });
        await a.PostJsonAsync("/api/portal/treatment-plan/agreement",
            new { version = 2, typedName = couple.FullName(0), agreeToSignElectronically = true }, HttpStatusCode.OK);

        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/couples/{couple.Id()}/retention",
            new { legalHold = true, holdReason = "Records request from a court." });
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/couples/{couple.Id()}/retention", new { legalHold = false });
        return new FullRecord(await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"), a, b);
    }

    /// <summary>Closes the couple through the API and moves its closing date back, as if it closed long ago.</summary>
    public static async Task CloseLongAgoAsync(this ApiClient therapist, JsonNode couple, DateOnly closedOn)
    {
        // Couples kept for retention tests may carry an open safety flag: closing confirms it (issue 29).
        await therapist.CloseCoupleAsync(await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"), confirmSafety: true);
        await therapist.Factory.ExecuteAsOwnerAsync("UPDATE couples SET closed_on = $1 WHERE id = $2", closedOn, couple.Id());
    }

    public static async Task ExecuteAsOwnerAsync(this ClinicApiFactory factory, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Every row that belongs to the couple, per table: the couples row, then every row that points at a row
    /// already found through a foreign key, until nothing new is found. Each row is its primary key (as text)
    /// and an md5 of the whole row, so a later read can tell a row that is gone from one that changed.
    /// Written independently of <c>purge_couple</c>, from the same catalogue.
    /// </summary>
    public static async Task<Dictionary<string, Dictionary<string, string>>> RowsOfCoupleAsync(this ClinicApiFactory factory, Guid coupleId)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        var keys = await PrimaryKeysAsync(connection);
        var edges = await ForeignKeysAsync(connection);
        var rows = new Dictionary<string, Dictionary<string, string>> { ["couples"] = [] };
        rows["couples"] = await SelectAsync(connection, keys, "couples", $"SELECT {Key(keys, "couples", "t")}, md5(t::text) FROM couples t WHERE t.id = $1", coupleId);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (child, parent, childColumns, parentColumns) in edges.Where(e => rows.ContainsKey(e.Parent) && rows[e.Parent].Count > 0))
            {
                var join = string.Join(" AND ", childColumns.Zip(parentColumns, (c, p) => $"t.\"{c}\" = p.\"{p}\""));
                var found = await SelectAsync(connection, keys, child,
                    $"SELECT {Key(keys, child, "t")}, md5(t::text) FROM \"{child}\" t JOIN \"{parent}\" p ON {join} WHERE {Key(keys, parent, "p")} = ANY($1)",
                    rows[parent].Keys.ToArray());
                if (!rows.TryGetValue(child, out var known)) rows[child] = known = [];
                foreach (var (key, hash) in found)
                    if (known.TryAdd(key, hash)) grew = true;
            }
        }
        return rows;
    }

    /// <summary>The current md5 of each of those rows that still exists, per table (by primary key text).</summary>
    public static async Task<Dictionary<string, string>> CurrentRowsAsync(this ClinicApiFactory factory, string table, IEnumerable<string> keyTexts)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        var keys = await PrimaryKeysAsync(connection);
        return await SelectAsync(connection, keys, table, $"SELECT {Key(keys, table, "t")}, md5(t::text) FROM \"{table}\" t WHERE {Key(keys, table, "t")} = ANY($1)",
            keyTexts.ToArray());
    }

    /// <summary>Tables that have a column of this name (couple_id, partner_id…), with or without a foreign key.</summary>
    public static async Task<List<string>> TablesWithColumnAsync(this ClinicApiFactory factory, string column)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = $1 ORDER BY 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = column });
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    public static async Task<long> CountWhereAsync(this ClinicApiFactory factory, string table, string column, Guid value)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Key(Dictionary<string, string[]> keys, string table, string alias) =>
        $"ROW({string.Join(", ", keys[table].Select(c => $"{alias}.\"{c}\""))})::text";

    private static async Task<Dictionary<string, string>> SelectAsync(NpgsqlConnection connection, Dictionary<string, string[]> keys, string table,
        string sql, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var found = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found[reader.GetString(0)] = reader.GetString(1);
        return found;
    }

    private static async Task<Dictionary<string, string[]>> PrimaryKeysAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, array_agg(a.attname::text ORDER BY array_position(x.indkey::int2[], a.attnum))
            FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
            WHERE x.indisprimary AND n.nspname = 'public' GROUP BY c.relname
            """, connection);
        var keys = new Dictionary<string, string[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        return keys;
    }

    private static async Task<List<(string Child, string Parent, string[] ChildColumns, string[] ParentColumns)>> ForeignKeysAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT ch.relname, pa.relname,
                   (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
                   (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n)
            FROM pg_constraint c JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = ch.relnamespace
            WHERE c.contype = 'f' AND n.nspname = 'public'
            """, connection);
        var edges = new List<(string, string, string[], string[])>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            edges.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3)));
        return edges;
    }
}
