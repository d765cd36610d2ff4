using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Clinic.Api.Features.Admin;

public sealed record ResendDeliveryCommand(Guid Id) : IRequest<DeliveryDto>;

/// <summary>
/// Sends a message again as a new message (a new Message-ID, so a mail system that kept the first
/// does not drop it as a duplicate). Only a message whose content is still kept can go again: a
/// delivered one loses its content after its links expire, and a skipped reminder never had any.
/// </summary>
internal sealed class ResendDeliveryHandler(ClinicDbContext db, AuditTrail audit, EmailWriter writer, TimeProvider clock)
    : IRequestHandler<ResendDeliveryCommand, DeliveryDto>
{
    public async Task<DeliveryDto> Handle(ResendDeliveryCommand command, CancellationToken ct)
    {
        var original = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.Id, ct)
            ?? throw new NotFoundException("delivery", command.Id);
        if (original.IsPending) throw new ConflictException("This message is still waiting to be sent; it goes on its own.");
        if (original.Content is null)
            throw new ConflictException("This message's content is no longer kept (its links have expired), or it was never composed. Send a new invitation or reset link instead.");

        var now = clock.GetUtcNow();
        var id = Guid.NewGuid();
        using var message = await MimeMessage.LoadAsync(new MemoryStream(original.Content), ct);
        message.MessageId = writer.MessageIdFor(id);
        message.Date = now;
        var copy = original.Resend(id, EmailWriter.Serialize(message), now);
        db.OutboxMessages.Add(copy);
        audit.Record("admin.deliveries.resend", "outbox_message", original.Id, null, detail: copy.Id.ToString());
        await db.SaveChangesAsync(ct);
        return new DeliveryDto(copy.Id, copy.Kind, copy.Recipient, copy.Status, copy.Attempts, copy.CreatedAt, copy.DueAt, copy.NextAttemptAt, null, null, null,
            copy.ResentFrom, false);
    }
}
