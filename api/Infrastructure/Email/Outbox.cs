using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>
/// How a feature sends email: it adds the message to its own unit of work, so the message is stored
/// if and only if the change that causes it is. Nothing is sent here; the outbox sender delivers it.
/// Another feature adds a kind by calling <see cref="Send"/> (composed now) or <see cref="Remind"/>
/// (composed when due by its <see cref="IReminderKind"/>) before its SaveChanges.
/// </summary>
public sealed class Outbox(ClinicDbContext db, EmailWriter writer, TimeProvider clock)
{
    public EmailWriter Writer => writer;

    public const string UndeliverableReason = "The recipient's address is not one deliverable mailbox; correct the address, then resend.";

    public OutboxMessage Send(string kind, string to, EmailText text, Recipients about = default)
    {
        var id = Guid.NewGuid();
        if (!EmailAddresses.IsDeliverable(to))
        {
            var failed = OutboxMessage.Undeliverable(id, kind, to, UndeliverableReason, clock.GetUtcNow(), about);
            db.OutboxMessages.Add(failed);
            return failed;
        }
        var content = EmailWriter.Serialize(writer.Write(id, to, text));
        var message = OutboxMessage.Composed(id, kind, to, content, clock.GetUtcNow(), about);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>
    /// Sends a message at most once per <paramref name="throttle"/> window for its key: with one already
    /// waiting under the key, nothing is added (that one carries this news too); within the window after
    /// one went, this one waits until the window ends. Returns the message added, or null.
    /// </summary>
    public async Task<OutboxMessage?> SendThrottledAsync(string kind, string to, EmailText text, Recipients about, Throttle throttle,
        CancellationToken ct)
    {
        var key = throttle.Key;
        var waiting = db.ChangeTracker.Entries<OutboxMessage>()
                          .Any(e => e.State == EntityState.Added && e.Entity.ThrottleKey == key && e.Entity.IsPending)
                      || await db.OutboxMessages.AnyAsync(m => m.ThrottleKey == key && m.Status == DeliveryStatus.Pending, ct);
        if (waiting) return null;
        var lastSent = await db.OutboxMessages.Where(m => m.ThrottleKey == key && m.Status == DeliveryStatus.Sent)
            .MaxAsync(m => m.SentAt, ct);
        var now = clock.GetUtcNow();
        var id = Guid.NewGuid();
        if (!EmailAddresses.IsDeliverable(to))
        {
            var failed = OutboxMessage.Undeliverable(id, kind, to, UndeliverableReason, now, about);
            db.OutboxMessages.Add(failed);
            return failed;
        }
        var content = EmailWriter.Serialize(writer.Write(id, to, text));
        var message = OutboxMessage.Throttled(id, kind, to, content, now, throttle.NextAllowed(lastSent, now), throttle, about);
        db.OutboxMessages.Add(message);
        return message;
    }

    public OutboxMessage Remind(string kind, string to, DateTimeOffset dueAt, Recipients about)
    {
        var message = OutboxMessage.Reminder(kind, to, dueAt, clock.GetUtcNow(), about);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Withdraws the pending messages of these kinds about one thing (a moved or cancelled appointment's reminders).</summary>
    public async Task CancelPendingAsync(Guid aboutId, IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = await db.OutboxMessages.AsTracking()
            .Where(m => m.AboutId == aboutId && kinds.Contains(m.Kind) && m.Status == DeliveryStatus.Pending)
            .ToListAsync(ct);
        foreach (var message in pending) message.Cancel(now);
    }
}

/// <summary>
/// A kind of reminder: a row due later that is composed when it falls due, from the state of
/// things then (an appointment since cancelled, homework since logged, a questionnaire since
/// answered: it is skipped). Implementations are scoped services found by <see cref="Kind"/>.
/// </summary>
public interface IReminderKind
{
    string Kind { get; }

    /// <summary>
    /// The partner's switch that turns this reminder off (and that its unsubscribe link turns off); null for
    /// a security email composed when due (a password reset link), which nobody can turn off.
    /// </summary>
    ReminderChoice? Choice { get; }

    Task<ReminderOutcome> ComposeAsync(OutboxMessage reminder, CancellationToken ct);
}

public abstract record ReminderOutcome
{
    /// <summary>Send this; <paramref name="NextDueAt"/> schedules the same reminder again (a nudge repeats while nothing happens).</summary>
    public sealed record Send(EmailText Text, DateTimeOffset? NextDueAt = null) : ReminderOutcome;

    /// <summary>It no longer applies; the log says why.</summary>
    public sealed record Skip(string Reason) : ReminderOutcome;

    /// <summary>Not yet: look again then (an entry was logged since, so the nudge moves on).</summary>
    public sealed record Later(DateTimeOffset DueAt) : ReminderOutcome;
}
