using Clinic.Api.Data;
using Npgsql;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// The hottest reads (caseload, couple dashboard, couple list) check the session and write their audit row
/// in one statement that runs in the same database round trip as the read itself, instead of three round
/// trips (session check, read, audit insert). <see cref="SessionValidation"/> defers the check for routes
/// marked with <see cref="ChecksSessionInItsBatch"/>; the handler must then run <see cref="Command"/> and
/// <see cref="ConfirmAsync"/> before it answers, and <see cref="Filter"/> refuses to answer for one that did not.
/// </summary>
public sealed class BatchedSessionCheck(ICurrentUser user, TimeProvider clock, NpgsqlDataSource primary)
{
    private DateTimeOffset _now;
    private bool _confirmed;

    internal bool Deferred { get; private set; }

    internal void Defer(DateTimeOffset now)
    {
        Deferred = true;
        _now = now;
    }

    private const string SqlStart = """
        WITH open AS (
            SELECT EXISTS (
                SELECT 1 FROM auth_sessions a JOIN users u ON u.id = a.user_id
                WHERE a.id = $1 AND a.user_id = $2 AND a.revoked_at IS NULL AND a.expires_at > $3 AND u.status = 'active') AS open),
        audit AS (
            INSERT INTO audit_events (occurred_at, user_id, role, action, resource_type, resource_id, couple_id, client_address, outcome)
            SELECT $4, $2, $5, $6, $7, $8, $8, $9, 'allowed' FROM open
            WHERE open.open
        """;

    private const string SqlEnd = """
        )
        SELECT open FROM open
        """;

    // Two constant texts, not one built per request: no string per call, and Npgsql's auto-prepare finds its statement
    // by this text on every execution.
    private const string Sql = SqlStart + SqlEnd;
    private const string CoupleSql = SqlStart + " AND EXISTS (SELECT 1 FROM couples c WHERE c.id = $8 AND c.therapist_id = $2)" + SqlEnd;

    /// <summary>
    /// One statement: is the session still open (the same rule as <see cref="SessionValidation"/>), and only
    /// if it is, the audit row of this read — for a couple's record, only when the couple is on the caller's
    /// caseload (otherwise the handler answers 404 and the denial is audited as for any other route).
    /// Its result: one row, one boolean.
    /// </summary>
    public NpgsqlBatchCommand Command(string action, string resourceType, Guid? coupleId = null)
    {
        var command = new NpgsqlBatchCommand(coupleId is null ? Sql : CoupleSql);
        var now = Deferred ? _now : clock.GetUtcNow();
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = user.SessionId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = user.Id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Role });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resourceType });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)coupleId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)user.ClientAddress ?? DBNull.Value });
        return command;
    }

    /// <summary><see cref="Command"/> to put first in a read's batch, with this check to confirm it.</summary>
    public Step InBatch(string action, string resourceType, Guid? coupleId = null) => new(this, Command(action, resourceType, coupleId));

    public sealed record Step(BatchedSessionCheck Check, NpgsqlBatchCommand Command)
    {
        public Task ConfirmAsync(NpgsqlDataReader reader, CancellationToken ct) => Check.ConfirmAsync(reader, ct);
    }

    /// <summary>Reads <see cref="Command"/>'s answer (the reader is on its result) and moves to the next result.</summary>
    public async Task ConfirmAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var open = await reader.ReadAsync(ct) && reader.GetBoolean(0);
        await reader.NextResultAsync(ct);
        if (!open) throw new SessionEndedException();
        _confirmed = true;
    }

    /// <summary>The check and the audit row alone, on the primary: when the read itself goes to a standby.</summary>
    public async Task RunAsync(string action, string resourceType, Guid? coupleId, CancellationToken ct)
    {
        await using var connection = await primary.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(action, resourceType, coupleId));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await ConfirmAsync(reader, ct);
    }

    /// <summary>Marks a route; SessionValidation leaves its session check to the handler's batch.</summary>
    public sealed class Marker;

    /// <summary>Whatever the handler returned, it is not sent unless the deferred check ran and found the session open.</summary>
    internal sealed class Filter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var services = context.HttpContext.RequestServices;
            var check = services.GetRequiredService<BatchedSessionCheck>();
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception) when (check.Deferred && !check._confirmed)
            {
                // Refused before its batch ran (a 400 for a bad page size): an ended session still gets 401 first.
                var user = services.GetRequiredService<ICurrentUser>();
                if (!await SessionValidation.IsOpen(services.GetRequiredService<ClinicDbContext>(), user.SessionId, user.Id,
                        check._now, context.HttpContext.RequestAborted))
                    throw new SessionEndedException();
                throw;
            }
            if (check.Deferred && !check._confirmed)
                throw new InvalidOperationException("This route defers its session check to its handler, which did not run it.");
            return result;
        }
    }
}

/// <summary>The session the token names has ended (logout, password change, deactivation): 401, as from SessionValidation.</summary>
public sealed class SessionEndedException() : Exception("The session has ended.");

public static class BatchedSessionCheckEndpoints
{
    /// <summary>The handler checks the session (and writes its audit row) in its own batch: see <see cref="BatchedSessionCheck"/>.</summary>
    public static RouteHandlerBuilder ChecksSessionInItsBatch(this RouteHandlerBuilder route) =>
        route.WithMetadata(new BatchedSessionCheck.Marker()).AddEndpointFilter<BatchedSessionCheck.Filter>();
}
