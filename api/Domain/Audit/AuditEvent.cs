namespace Clinic.Api.Domain.Audit;

public enum AuditOutcome { Allowed, Denied }

/// <summary>Append-only record of who touched what. Never updated, never deleted.</summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? UserId { get; private set; }
    public string? Role { get; private set; }
    public string Action { get; private set; } = "";
    public string ResourceType { get; private set; } = "";
    public Guid? ResourceId { get; private set; }
    public Guid? CoupleId { get; private set; }
    public string? ClientAddress { get; private set; }
    public AuditOutcome Outcome { get; private set; }
    public string? Detail { get; private set; }

    public static AuditEvent Create(DateTimeOffset now, Guid? userId, string? role, string action, string resourceType,
        Guid? resourceId, Guid? coupleId, string? clientAddress, AuditOutcome outcome, string? detail = null) => new()
    {
        OccurredAt = now, UserId = userId, Role = role, Action = action, ResourceType = resourceType,
        ResourceId = resourceId, CoupleId = coupleId, ClientAddress = clientAddress, Outcome = outcome,
        Detail = detail,
    };
}
