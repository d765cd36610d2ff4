using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Clinic.Api.Infrastructure.Idempotency;

/// <summary>The answer a write gave: replayed byte for byte when the same key comes back.</summary>
public sealed record WriteOutcome(int StatusCode, object Body, string? Location = null)
{
    public static WriteOutcome Created(string location, object body) => new(StatusCodes.Status201Created, body, location);
}

/// <summary>
/// Makes a write safe to retry under an <c>Idempotency-Key</c> header. The first request with a key
/// claims it by inserting a row in <c>idempotency_keys</c> (primary key user + key) in the same
/// transaction as the write, and stores its answer there before committing. A retry — even one that
/// races the first — blocks on that row, then finds it and gets the stored answer: one write, one
/// answer. A failed write rolls back its claim, so a retry after a 400 or 409 is tried afresh.
/// Keys belong to the user who sent them; the same key with a different request is refused.
/// Usage in an endpoint: <c>idempotent.RunAsync(key, "POST /api/x/{id}", command, async ct =&gt; WriteOutcome.Created(...), ct)</c>.
/// </summary>
public sealed class IdempotentWrites(ClinicDbContext db, ICurrentUser user, TimeProvider clock, IOptions<JsonOptions> jsonOptions)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public async Task<IResult> RunAsync(string? key, string operation, object request,
        Func<CancellationToken, Task<WriteOutcome>> write, CancellationToken ct)
    {
        var json = jsonOptions.Value.SerializerOptions;
        if (key is null)
        {
            var outcome = await write(ct);
            return new StoredJsonResult(outcome.StatusCode, JsonSerializer.Serialize(outcome.Body, json), outcome.Location, Replayed: false);
        }
        CheckKey(key);
        var hash = Hash(operation, JsonSerializer.Serialize(request, request.GetType(), json));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ExecuteAsync(transaction, """
            INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id, key) DO NOTHING
            """, ct, user.Id, key, hash, clock.GetUtcNow());
        if (claimed == 0) return await ReplayAsync(transaction, key, hash, ct);

        var result = await write(ct);
        var body = JsonSerializer.Serialize(result.Body, json);
        await ExecuteAsync(transaction, """
            UPDATE idempotency_keys SET status_code = $3, response_body = $4, location = $5 WHERE user_id = $1 AND key = $2
            """, ct, user.Id, key, result.StatusCode, body, (object?)result.Location ?? DBNull.Value);
        await transaction.CommitAsync(ct);
        return new StoredJsonResult(result.StatusCode, body, result.Location, Replayed: false);
    }

    private async Task<IResult> ReplayAsync(IDbContextTransaction transaction, string key, string hash, CancellationToken ct)
    {
        await using var command = Command(transaction,
            "SELECT request_hash, status_code, response_body, location FROM idempotency_keys WHERE user_id = $1 AND key = $2",
            user.Id, key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(1))
            throw new ConflictException("A request with this Idempotency-Key is still being processed. Try again in a moment.");
        if (reader.GetString(0) != hash)
            throw new ConflictException(
                $"This {HeaderName} was already used for a different request. Send a new key for a new request; reuse a key only to retry exactly the same one.");
        return new StoredJsonResult(reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), Replayed: true);
    }

    private static void CheckKey(string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
            throw new FieldValidationException(HeaderName,
                $"Send 1 to {MaxKeyLength} visible ASCII characters, for example a UUID generated for this submission.");
    }

    private static string Hash(string operation, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + body)));

    private async Task<int> ExecuteAsync(IDbContextTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(transaction, sql, values);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlCommand Command(IDbContextTransaction transaction, string sql, params object[] values)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // A connection lost mid-request (the primary killed, a failover) ends its transaction under us: the
        // database is unavailable (503, and the retry with the same key finds nothing claimed), not a bug (500).
        if (connection.FullState == System.Data.ConnectionState.Broken)
            throw new NpgsqlException("The connection to the database was lost during the request.");
        var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

/// <summary>JSON written as stored, so a replay is the same bytes as the first answer.</summary>
internal sealed record StoredJsonResult(int StatusCode, string Body, string? Location, bool Replayed) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        if (Location is not null) httpContext.Response.Headers.Location = Location;
        if (Replayed) httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.WriteAsync(Body, httpContext.RequestAborted);
    }
}

internal sealed class IdempotencyModule : Startup.IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<IdempotentWrites>();
}
