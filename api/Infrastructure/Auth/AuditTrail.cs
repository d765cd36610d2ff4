using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Npgsql;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>Adds audit rows to the unit of work, so they commit with the change they describe.</summary>
public sealed class AuditTrail(ClinicDbContext db, ICurrentUser user, TimeProvider clock)
{
    public void Record(string action, string resourceType, Guid? resourceId, Guid? coupleId,
        AuditOutcome outcome = AuditOutcome.Allowed, string? detail = null, Guid? userId = null, string? role = null) =>
        db.AuditEvents.Add(AuditEvent.Create(clock.GetUtcNow(),
            userId ?? (user.IsAuthenticated ? user.Id : null), role ?? (user.IsAuthenticated ? user.Role : null),
            action, resourceType, resourceId, coupleId, user.ClientAddress, outcome, detail));
}

/// <summary>
/// Records refused requests (403/404, from a handler or from a role policy) on its own connection: the request's unit of work is being
/// thrown away, but the attempt must still be on the trail.
/// </summary>
public sealed class DenialAudit(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<DenialAudit> logger)
{
    public async Task RecordAsync(HttpContext context, Exception? reason, CancellationToken ct)
    {
        var user = context.RequestServices.GetRequiredService<ICurrentUser>();
        if (!user.IsAuthenticated) return;
        try
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO audit_events (occurred_at, user_id, role, action, resource_type, resource_id, couple_id, client_address, outcome, detail)
                VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, 'denied', $8)
                """);
            command.Parameters.Add(new() { Value = clock.GetUtcNow() });
            command.Parameters.Add(new() { Value = user.Id });
            command.Parameters.Add(new() { Value = user.Role });
            command.Parameters.Add(new() { Value = $"{context.Request.Method} {context.GetEndpoint()?.DisplayName ?? context.Request.Path}" });
            command.Parameters.Add(new() { Value = reason is Errors.NotFoundException nf ? nf.Resource : "endpoint" });
            command.Parameters.Add(new() { Value = reason is Errors.NotFoundException { Id: Guid id } ? id : DBNull.Value });
            command.Parameters.Add(new() { Value = (object?)user.ClientAddress ?? DBNull.Value });
            command.Parameters.Add(new() { Value = context.Request.Path.Value ?? "" });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning("Could not record a denied request: {Error}", e.GetType().Name);
        }
    }
}
