using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Email;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Messaging;

public enum MessageEmailDelivery { EachMessage, DailyDigest }

/// <param name="Delivery">An email for each new message (at most one per thread in 15 minutes), or one a day listing only how many are unread.</param>
/// <param name="DigestSendsAt">When the daily digest goes, in the practice's time zone (read-only).</param>
public sealed record MessageEmailChoiceDto(MessageEmailDelivery Delivery, string DigestSendsAt);

public sealed record GetMessageEmailChoiceQuery : IRequest<MessageEmailChoiceDto>;

/// <param name="DigestSendsAt">Ignored (the practice sets it): the GET's answer can be sent back as it is.</param>
public sealed record SetMessageEmailChoiceCommand(MessageEmailDelivery? Delivery, string? DigestSendsAt = null) : IRequest<MessageEmailChoiceDto>;

public sealed class SetMessageEmailChoiceValidator : AbstractValidator<SetMessageEmailChoiceCommand>
{
    public SetMessageEmailChoiceValidator() => RuleFor(c => c.Delivery).NotNull().IsInEnum().WithMessage("Choose each_message or daily_digest.");
}

internal static class MessageEmailChoices
{
    /// <summary>The daily digest goes at this time of day in the practice's zone.</summary>
    public static readonly TimeOnly DigestAt = new(8, 0);

    public static async Task<MessageEmailDelivery> ReadAsync(ClinicDbContext db, Guid userId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<string>($"SELECT delivery AS \"Value\" FROM message_email_settings WHERE user_id = {userId}").ToListAsync(ct);
        return rows is ["daily_digest"] ? MessageEmailDelivery.DailyDigest : MessageEmailDelivery.EachMessage;
    }

    public static MessageEmailChoiceDto Dto(MessageEmailDelivery delivery) => new(delivery, DigestAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The next digest time after <paramref name="now"/>: today's 08:00 in the practice's zone if still ahead, else tomorrow's.</summary>
    public static DateTimeOffset NextDigest(PracticeCalendar calendar, DateTimeOffset now)
    {
        var today = calendar.Today();
        var at = At(today, calendar);
        return at > now ? at : At(today.AddDays(1), calendar);
    }

    private static DateTimeOffset At(DateOnly day, PracticeCalendar calendar) =>
        WallClock.ToInstant(day.ToDateTime(DigestAt), calendar.Zone) ?? day.ToDateTime(DigestAt, DateTimeKind.Utc);
}

internal sealed class GetMessageEmailChoiceHandler(ClinicDbContext db, ICurrentUser user) : IRequestHandler<GetMessageEmailChoiceQuery, MessageEmailChoiceDto>
{
    public async Task<MessageEmailChoiceDto> Handle(GetMessageEmailChoiceQuery query, CancellationToken ct) =>
        MessageEmailChoices.Dto(await MessageEmailChoices.ReadAsync(db, user.Id, ct));
}

/// <summary>
/// Sets the therapist's choice. Choosing the digest schedules it (a reminder row due at the next 08:00 that sends and
/// schedules itself again each day); choosing an email per message withdraws the pending digest.
/// </summary>
internal sealed class SetMessageEmailChoiceHandler(ClinicDbContext db, ICurrentUser user, Outbox outbox, PracticeCalendar calendar,
    TimeProvider clock, AuditTrail audit) : IRequestHandler<SetMessageEmailChoiceCommand, MessageEmailChoiceDto>
{
    public async Task<MessageEmailChoiceDto> Handle(SetMessageEmailChoiceCommand command, CancellationToken ct)
    {
        var delivery = command.Delivery!.Value;
        var wire = delivery == MessageEmailDelivery.DailyDigest ? "daily_digest" : "each_message";
        var now = clock.GetUtcNow();
        var email = await db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync(ct);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO message_email_settings (user_id, delivery, updated_at) VALUES ({user.Id}, {wire}, {now})
            ON CONFLICT (user_id) DO UPDATE SET delivery = excluded.delivery, updated_at = excluded.updated_at
            """, ct);
        await outbox.CancelPendingAsync(user.Id, [MessageKinds.MessageDigest], ct);
        if (delivery == MessageEmailDelivery.DailyDigest && email is not null)
            outbox.Remind(MessageKinds.MessageDigest, email, MessageEmailChoices.NextDigest(calendar, now), new Recipients(user.Id, null, user.Id));
        audit.Record("message.email_choice", "user", user.Id, null, detail: wire);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return MessageEmailChoices.Dto(delivery);
    }
}

/// <summary>
/// The daily digest, composed when due: how many unread messages wait across the caseload and in how many threads —
/// no couple, partner or word of a message. Nothing unread: no email, look again tomorrow. Back to an email per
/// message: it ends.
/// </summary>
internal sealed class MessageDigest(ClinicDbContext db, EmailWriter writer, PracticeCalendar calendar, TimeProvider clock) : IReminderKind
{
    public string Kind => MessageKinds.MessageDigest;
    public ReminderChoice? Choice => null;

    public async Task<ReminderOutcome> ComposeAsync(OutboxMessage reminder, CancellationToken ct)
    {
        if (reminder.UserId is not { } therapist || await MessageEmailChoices.ReadAsync(db, therapist, ct) != MessageEmailDelivery.DailyDigest)
            return new ReminderOutcome.Skip("The therapist chose an email per message.");
        var next = MessageEmailChoices.NextDigest(calendar, clock.GetUtcNow());
        var rows = await MessageQueries.ThreadsAsync(db, therapist, $"{Ownership.OwnedBySql("c", "@reader")} AND u.unread > 0", ct);
        if (rows.Count == 0) return new ReminderOutcome.Later(next);
        return new ReminderOutcome.Send(Text(writer, rows.Sum(r => r.UnreadCount), rows.Count), next);
    }

    public static EmailText Text(EmailWriter writer, int messages, int threads) => new("Your unread messages in Clinic",
        [$"{messages} unread {(messages == 1 ? "message is" : "messages are")} waiting in {threads} {(threads == 1 ? "thread" : "threads")} of your caseload.",
         "Sign in to read them in your inbox."], "Open Clinic", writer.SignInUrl);
}
