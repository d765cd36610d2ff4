using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Admin;

/// <summary>One email in the delivery log: what kind, to whom, how it went — never its content.</summary>
/// <param name="NextAttemptAt">For a message still waiting: when the sender will next take it up (its due time, the end of
/// the recipient's quiet hours or of a throttle window, a retry after a refusal); null once it has gone or been given up.</param>
public sealed record DeliveryDto(Guid Id, string Kind, string Recipient, DeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset DueAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt, string? LastError,
    Guid? ResentFrom, bool CanResend);

/// <param name="Status">pending, sent, failed, cancelled or skipped.</param>
public sealed record ListDeliveriesQuery(int? Page, int? PageSize, string? Status, string? Kind, string? Recipient)
    : IRequest<Paged<DeliveryDto>>, IPagedRequest;

public sealed class ListDeliveriesValidator : AbstractValidator<ListDeliveriesQuery>
{
    public ListDeliveriesValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Status).Must(s => Data.SnakeCaseEnumConverter<DeliveryStatus>.TryFromWire(s!, out _))
            .When(q => q.Status is not null).WithMessage("Use one of: pending, sent, failed, cancelled, skipped.");
        RuleFor(q => q.Kind).MaximumLength(64);
        RuleFor(q => q.Recipient).MaximumLength(256);
    }
}

/// <summary>The practice's outgoing email, newest first, filterable by status, kind and recipient.</summary>
internal sealed class ListDeliveriesHandler(ClinicDbContext db, AuditTrail audit) : IRequestHandler<ListDeliveriesQuery, Paged<DeliveryDto>>
{
    public async Task<Paged<DeliveryDto>> Handle(ListDeliveriesQuery query, CancellationToken ct)
    {
        var messages = db.OutboxMessages.AsQueryable();
        if (query.Status is not null && Data.SnakeCaseEnumConverter<DeliveryStatus>.TryFromWire(query.Status, out var status))
            messages = messages.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Kind)) messages = messages.Where(m => m.Kind == query.Kind);
        if (!string.IsNullOrWhiteSpace(query.Recipient))
        {
            var recipient = query.Recipient.Trim().ToLowerInvariant();
            messages = messages.Where(m => m.Recipient.ToLower().Contains(recipient));
        }
        var page = await messages.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new DeliveryDto(m.Id, m.Kind, m.Recipient, m.Status, m.Attempts, m.CreatedAt, m.DueAt,
                m.Status == DeliveryStatus.Pending ? m.NextAttemptAt : null, m.LastAttemptAt, m.SentAt,
                m.LastError, m.ResentFrom, m.Content != null && m.Status != DeliveryStatus.Pending))
            .ToPagedAsync(query, ct);
        audit.Record("admin.deliveries.list", "outbox_message", null, null);
        await db.SaveChangesAsync(ct);
        return page;
    }
}
