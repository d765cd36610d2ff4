using System.Diagnostics;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Homework;
using Clinic.Api.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Seed.Synthetic;

public sealed record SyntheticReport(SyntheticOptions Options, bool AlreadyLoaded, IReadOnlyDictionary<string, long> Rows,
    TimeSpan Elapsed, string TherapistEmail)
{
    public string Describe()
    {
        var o = Options;
        var head = AlreadyLoaded
            ? $"Synthetic practice (seed {o.Seed}) is already loaded; nothing changed."
            : $"Synthetic practice (seed {o.Seed}: {o.Therapists} therapists × {o.CouplesPerTherapist} couples × " +
              $"{o.SessionsPerCouple} sessions) loaded in {Elapsed.TotalSeconds:0.0} s:\n" +
              string.Join("\n", Rows.Select(r => $"  {r.Key,-24}{r.Value,10:N0}"));
        return $"{head}\nSign in as {TherapistEmail} / {SyntheticOptions.Password} (demo password; every synthetic therapist uses it).";
    }
}

/// <summary>
/// A large generated practice for benchmarks and load tests, written with PostgreSQL binary COPY.
/// Every id and value follows from the seed number (dates from "today"), so the same seed gives
/// the same practice; scores still come from the instrument's scoring functions.
/// </summary>
public sealed partial class SyntheticPractice(NpgsqlDataSource dataSource, IPasswordHasher<User> hasher,
    InstrumentCatalogue instruments, ExerciseCatalogue exercises, PracticeCalendar calendar, ILogger<SyntheticPractice> logger)
{
    public static string TherapistEmail(int seed, int therapist) => $"therapist{therapist + 1:000}.s{seed}@synthetic.clinic.test";

    public static Guid Id(int seed, string kind, int a, int b = -1, int c = -1) =>
        SeedIds.For($"synthetic/{seed}/{kind}/{a}/{b}/{c}");

    public async Task<SyntheticReport> LoadAsync(SyntheticOptions options, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var email = TherapistEmail(options.Seed, 0);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)", connection))
        {
            exists.Parameters.AddWithValue(Id(options.Seed, "therapist", 0));
            if ((bool)(await exists.ExecuteScalarAsync(ct))!)
                return new SyntheticReport(options, true, new Dictionary<string, long>(), watch.Elapsed, email);
        }

        var practice = SyntheticModel.Generate(options, calendar.Today(),
            instruments.Latest("ECR-RS") ?? throw new InvalidOperationException("The ECR-RS catalogue is missing."));
        // One hash for every synthetic therapist: hashing is deliberately slow, and they share a password.
        var hash = hasher.HashPassword(null!, SyntheticOptions.Password);
        var rows = new Dictionary<string, long>();

        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            rows["users"] = await CopyUsersAsync(connection, practice, hash, ct);
            rows["couples"] = await CopyCouplesAsync(connection, practice, ct);
            rows["partners"] = await CopyPartnersAsync(connection, practice, ct);
            rows["sessions"] = await CopySessionsAsync(connection, practice, ct);
            rows["cycle_records"] = await CopyCycleRecordsAsync(connection, practice, ct);
            rows["cycle_ratings"] = await CopyCycleRatingsAsync(connection, practice, ct);
            rows["assessments"] = await CopyAssessmentsAsync(connection, practice, ct);
            rows["questionnaire_requests"] = await CopyRequestsAsync(connection, practice, ct);
            foreach (var (table, count) in await CopyHomeworkAsync(connection, practice, ct)) rows[table] = count;
            await tx.CommitAsync(ct);
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection)) await analyze.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Synthetic practice with seed {Seed} loaded in {Seconds:0.0} s", options.Seed, watch.Elapsed.TotalSeconds);
        return new SyntheticReport(options, false, rows, watch.Elapsed, email);
    }

    private static async Task<long> CopyUsersAsync(NpgsqlConnection connection, SyntheticModel practice, string hash, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY users (id, role, first_name, last_name, status, created_at, user_name, normalized_user_name, email, " +
            "normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, lockout_enabled) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var t in practice.Therapists)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(t.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(Roles.Therapist, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.FirstName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.LastName, NpgsqlDbType.Text, ct);
            await w.WriteAsync("active", NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(t.Email, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Email.ToUpperInvariant(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Email, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Email.ToUpperInvariant(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(hash, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Id.ToString("N"), NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Id.ToString("D"), NpgsqlDbType.Text, ct);
            await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyCouplesAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY couples (id, therapist_id, display_name, status, started_on, closed_on, presenting_concerns, goals, created_at) " +
            "FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(c.TherapistId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync($"{c.A.FirstName} & {c.B.FirstName}", NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Status, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.StartedOn, NpgsqlDbType.Date, ct);
            if (c.ClosedOn is { } closed) await w.WriteAsync(closed, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(c.Concerns, NpgsqlDbType.Text, ct);
            await w.WriteAsync("Fewer escalations; feel close again.", NpgsqlDbType.Text, ct);
            await w.WriteAsync(SeedIds.At(c.StartedOn), NpgsqlDbType.TimestampTz, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyPartnersAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY partners (id, couple_id, label, first_name, last_name, pronouns, email, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        foreach (var p in new[] { c.A, c.B })
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(p == c.A ? "partner_a" : "partner_b", NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.FirstName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.LastName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Pronouns, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Email, NpgsqlDbType.Text, ct);
            await w.WriteAsync(SeedIds.At(c.StartedOn), NpgsqlDbType.TimestampTz, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopySessionsAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY sessions (id, couple_id, date, start_time, duration_minutes, format, attendance, eft_stage, eft_step, note, " +
            "created_at, created_by, signed_at, signed_by, signed_by_name, cycle_mean) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        foreach (var s in c.Sessions)
        {
            var at = SeedIds.At(s.Date, s.Start);
            await w.StartRowAsync(ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync(s.Start, NpgsqlDbType.Time, ct);
            await w.WriteAsync(50, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.Video ? "video" : "in_person", NpgsqlDbType.Text, ct);
            await w.WriteAsync("both", NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Stage, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.Step, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.Note, NpgsqlDbType.Text, ct);
            await w.WriteAsync(at.AddMinutes(50), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(c.TherapistId, NpgsqlDbType.Uuid, ct);
            if (s.Signed)
            {
                await w.WriteAsync(at.AddMinutes(80), NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(c.TherapistId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(c.TherapistName, NpgsqlDbType.Text, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
                await w.WriteNullAsync(ct);
                await w.WriteNullAsync(ct);
            }
            await w.WriteAsync((s.IntensityA + s.IntensityB) / 2.0, NpgsqlDbType.Double, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyCycleRecordsAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY cycle_records (session_id, episodes_since_last_session, peak_intensity, repair_minutes, triggers, markers) " +
            "FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        foreach (var s in c.Sessions)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.Episodes, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.Peak, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.RepairMinutes, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.Triggers, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Markers, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyCycleRatingsAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY cycle_ratings (session_id, partner_id, position, intensity) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        foreach (var s in c.Sessions)
        foreach (var (partner, position, intensity) in new[] { (c.A.Id, c.PositionA, s.IntensityA), (c.B.Id, c.PositionB, s.IntensityB) })
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(partner, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(position, NpgsqlDbType.Text, ct);
            await w.WriteAsync(intensity, NpgsqlDbType.Integer, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyAssessmentsAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY assessments (id, couple_id, partner_id, instrument_code, instrument_version, administered_on, source, responses, " +
            "scores, avoidance, anxiety, quadrant, created_at, created_by) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        foreach (var a in c.Assessments)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(a.PartnerId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(practice.Instrument.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(practice.Instrument.Version, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(a.On, NpgsqlDbType.Date, ct);
            await w.WriteAsync("therapist", NpgsqlDbType.Text, ct);
            await w.WriteAsync(a.ResponsesJson, NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, double>
                { ["avoidance"] = a.Avoidance, ["anxiety"] = a.Anxiety }), NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(a.Avoidance, NpgsqlDbType.Double, ct);
            await w.WriteAsync(a.Anxiety, NpgsqlDbType.Double, ct);
            if (a.Quadrant is { } q) await w.WriteAsync(Quadrant.Code(q), NpgsqlDbType.Text, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(SeedIds.At(a.On, new TimeOnly(19, 0)), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(c.TherapistId, NpgsqlDbType.Uuid, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyRequestsAsync(NpgsqlConnection connection, SyntheticModel practice, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync(
            "COPY questionnaire_requests (id, couple_id, partner_id, instrument, requested_at, requested_by, " +
            "share_results_with_client, status) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in practice.Couples)
        {
            if (c.PendingRequestOn is not { } on) continue;
            await w.StartRowAsync(ct);
            await w.WriteAsync(Id(practice.Options.Seed, "request", c.T, c.C), NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(c.B.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(practice.Instrument.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(SeedIds.At(on), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(c.TherapistId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync("pending", NpgsqlDbType.Text, ct);
        }
        return (long)await w.CompleteAsync(ct);
    }
}
