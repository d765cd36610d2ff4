using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Time;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>
/// Delivers the outbox. Each worker claims one due message with <c>FOR UPDATE SKIP LOCKED</c>, sends
/// it and records the outcome in the same transaction, so with any number of instances a message is
/// in one sender's hands at a time; if that instance dies mid-send its transaction rolls back, the
/// lock goes with it, and another instance sends the same message again under the same Message-ID.
/// An unreachable server costs a message nothing (the claim rolls back and the worker waits); a
/// refused message is retried with doubling delays and given up as failed after MaxAttempts.
///
/// Why not Quartz.NET's clustered job store: the outbox row must commit in the EF transaction of the
/// change that causes it, which Quartz's own ADO connections cannot join, so Quartz could only have
/// replaced this polling loop — at the price of its eleven tables — while the exactly-once claim
/// still had to be this row lock.
/// </summary>
internal sealed partial class OutboxSender(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IOptions<EmailOptions> options, IOptions<SmtpOptions> smtp,
    TimeProvider clock, PracticeCalendar calendar, IOptions<PracticeOptions> practice, UnsubscribeTokens unsubscribe,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const string ClaimSql = """
        SELECT id, kind, recipient, partner_id, about_id, attempts, content, user_id, throttle_key, throttle_seconds, created_at
        FROM outbox_messages
        WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    private sealed record Claimed(Guid Id, string Kind, string Recipient, Guid? PartnerId, Guid? AboutId, int Attempts,
        byte[]? Content, Guid? UserId, string? ThrottleKey, int? ThrottleSeconds, DateTimeOffset CreatedAt);

    private EmailOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!Options.SenderEnabled) return;
        // Yield at once: start-up must not wait for the first poll.
        await Task.Yield();
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Options.Workers)).Select(worker => WorkAsync(worker, stop)));
    }

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        await using var transport = new SmtpTransport(smtp.Value);
        var outages = 0;
        var lastHousekeeping = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            TimeSpan? wait = null;
            try
            {
                if (worker == 0 && clock.GetUtcNow() - lastHousekeeping > TimeSpan.FromMinutes(1))
                {
                    await ClearOldContentAsync(stop);
                    lastHousekeeping = clock.GetUtcNow();
                }
                if (!await SendNextAsync(transport, stop)) wait = TimeSpan.FromMilliseconds(Options.PollMilliseconds);
                outages = 0;
            }
            catch (SmtpUnavailableException e)
            {
                outages++;
                // 1 s, 2 s, 4 s … up to 15 s between tries while the server is away: nothing is lost meanwhile.
                wait = TimeSpan.FromSeconds(Math.Min(15, Math.Pow(2, Math.Min(outages - 1, 4))));
                LogSmtpUnavailable(logger, e.InnerException?.GetType().Name ?? "", e.InnerException?.Message ?? "", wait.Value.TotalSeconds);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or DbUpdateException)
            {
                // The database is away (a restart, a failover): try again shortly.
                LogDatabaseUnavailable(logger, e.GetType().Name, e.Message);
                wait = TimeSpan.FromSeconds(2);
            }
            if (wait is { } delay)
            {
                try { await Task.Delay(delay, stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims, sends and records one due message; false when none is due.</summary>
    private async Task<bool> SendNextAsync(SmtpTransport transport, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(stop);
        await using var tx = await connection.BeginTransactionAsync(stop);
        var row = await ClaimAsync(connection, tx, now, stop);
        if (row is null)
        {
            await tx.CommitAsync(stop);
            return false;
        }

        // A row stored before addresses were checked: marked failed with the reason, never sent or retried.
        if (!EmailAddresses.IsDeliverable(row.Recipient))
        {
            await FinishAsync(connection, tx, row.Id, "failed", now, Outbox.UndeliverableReason, null, stop);
            return true;
        }

        if (row.ThrottleKey is { } throttleKey && await ThrottledAsync(connection, tx, row, throttleKey, now, stop)) return true;

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var reminderKind = services.GetServices<IReminderKind>().FirstOrDefault(k => k.Kind == row.Kind);

        // A partner's preferences: a reminder they switched off is skipped, quiet hours hold anything but security mail.
        if (row.PartnerId is { } partnerId && !MessageKinds.IsSecurity(row.Kind))
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var preferences = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.PartnerId == partnerId, stop)
                              ?? NotificationPreferences.Default(partnerId);
            if (reminderKind?.Choice is { } choice && !preferences.Wants(choice))
            {
                await FinishAsync(connection, tx, row.Id, "skipped", now, "Turned off by the recipient.", null, stop);
                return true;
            }
            var local = Domain.Appointments.WallClock.ToLocal(now, calendar.Zone);
            var notBefore = preferences.NotBefore(local);
            if (notBefore > local)
            {
                var resume = Domain.Appointments.WallClock.ToInstant(notBefore, calendar.Zone) ?? now.AddHours(1);
                await PostponeAsync(connection, tx, row.Id, resume, stop);
                return true;
            }
        }

        var content = row.Content;
        DateTimeOffset? nextDue = null;
        if (content is null)
        {
            if (reminderKind is null)
            {
                await FinishAsync(connection, tx, row.Id, "failed", now, $"No composer for the kind '{row.Kind}'.", null, stop);
                return true;
            }
            var probe = ProbeMessage(row);
            switch (await reminderKind.ComposeAsync(probe, stop))
            {
                case ReminderOutcome.Skip skip:
                    await FinishAsync(connection, tx, row.Id, "skipped", now, skip.Reason, null, stop);
                    return true;
                case ReminderOutcome.Later later:
                    await PostponeAsync(connection, tx, row.Id, later.DueAt, stop);
                    return true;
                case ReminderOutcome.Send send:
                    var text = row.PartnerId is { } recipientPartner && reminderKind.Choice is { } switchedBy
                        ? WithUnsubscribe(send.Text, recipientPartner, switchedBy)
                        : send.Text;
                    content = EmailWriter.Serialize(services.GetRequiredService<EmailWriter>().Write(row.Id, row.Recipient, text));
                    nextDue = send.NextDueAt;
                    break;
            }
        }

        try
        {
            using var message = await MimeMessage.LoadAsync(new MemoryStream(content!), stop);
            await transport.SendAsync(message, stop);
        }
        catch (SmtpCommandException refused)
        {
            var attempts = row.Attempts + 1;
            var permanent = (int)refused.StatusCode >= 500 || attempts >= Options.MaxAttempts;
            var error = $"{(int)refused.StatusCode} {refused.Message}";
            if (permanent)
                await FinishAsync(connection, tx, row.Id, "failed", now, error, row.Content is null ? null : content, stop, countAttempt: true);
            else
                await RetryLaterAsync(connection, tx, row.Id, now + Backoff(attempts), now, error, stop);
            return true;
        }

        await FinishAsync(connection, tx, row.Id, "sent", now, null, content, stop, countAttempt: true);
        if (nextDue is { } next) await ScheduleAgainAsync(connection, tx, row, next, now, stop);
        await tx.CommitAsync(stop);
        return true;
    }

    /// <summary>
    /// The throttle's second look, for what the writer could not see (two requests at once, a message that
    /// went while this one waited): under a lock on the key, so one instance at a time decides for it.
    /// A message sent after this one was written already told its news: skipped. One sent within the
    /// window: this one waits for the window's end, or is folded into another already waiting. True when
    /// the row was dealt with here.
    /// </summary>
    private static async Task<bool> ThrottledAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Claimed row, string key,
        DateTimeOffset now, CancellationToken ct)
    {
        await using (var lockKey = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 30))", connection, tx))
        {
            lockKey.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            await lockKey.ExecuteNonQueryAsync(ct);
        }
        await using var look = new NpgsqlCommand("""
            SELECT max(sent_at) FILTER (WHERE status = 'sent'),
                   bool_or(status = 'pending' AND id <> $2)
            FROM outbox_messages WHERE throttle_key = $1
            """, connection, tx);
        look.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        look.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
        DateTimeOffset? lastSent;
        bool otherWaiting;
        await using (var reader = await look.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            lastSent = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
            otherWaiting = !reader.IsDBNull(1) && reader.GetBoolean(1);
        }
        if (lastSent is { } sent && sent >= row.CreatedAt)
        {
            await FinishAsync(connection, tx, row.Id, "skipped", now, $"Its news went in the message sent at {sent:u}.", null, ct);
            return true;
        }
        var throttle = new Throttle(key, TimeSpan.FromSeconds(row.ThrottleSeconds ?? 0));
        var allowed = throttle.NextAllowed(lastSent, now);
        if (allowed <= now) return false;
        if (otherWaiting)
            await FinishAsync(connection, tx, row.Id, "skipped", now, "Folded into the message waiting to go.", null, ct);
        else
            await PostponeAsync(connection, tx, row.Id, allowed, ct);
        return true;
    }

    private EmailText WithUnsubscribe(EmailText text, Guid partnerId, ReminderChoice choice)
    {
        var token = unsubscribe.Create(partnerId, choice);
        var baseUrl = practice.Value.PublicUrl.TrimEnd('/');
        return text with
        {
            UnsubscribeUrl = $"{baseUrl}/unsubscribe?token={token}",
            OneClickUnsubscribeUrl = $"{baseUrl}/api/notifications/unsubscribe?token={token}",
        };
    }

    private TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(Options.MaxRetrySeconds, Options.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 20))));

    private OutboxMessage ProbeMessage(Claimed row) =>
        OutboxMessage.Reminder(row.Kind, row.Recipient, clock.GetUtcNow(), clock.GetUtcNow(),
            new Recipients(row.UserId, row.PartnerId, row.AboutId), row.Id);

    private static async Task<Claimed?> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction tx, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new Claimed(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6), reader.IsDBNull(7) ? null : reader.GetGuid(7),
            reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetInt32(9),
            reader.GetFieldValue<DateTimeOffset>(10));
    }

    /// <summary>Sent, skipped or failed; commits unless the caller has more to add (a follow-up reminder).</summary>
    private static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, string status, DateTimeOffset now,
        string? error, byte[]? content, CancellationToken ct, bool countAttempt = false)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE outbox_messages
            SET status = $2, last_attempt_at = $3, last_error = $4, attempts = attempts + $5,
                sent_at = CASE WHEN $2 = 'sent' THEN $3 ELSE sent_at END,
                content = coalesce($6, content)
            WHERE id = $1
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)Truncate(error) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = countAttempt ? 1 : 0 });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)content ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(ct);
        if (status != "sent") await tx.CommitAsync(ct);
    }

    private static async Task RetryLaterAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, DateTimeOffset next,
        DateTimeOffset now, string error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE outbox_messages SET attempts = attempts + 1, next_attempt_at = $2, last_attempt_at = $3, last_error = $4 WHERE id = $1
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = next });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Truncate(error)! });
        await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static async Task PostponeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, DateTimeOffset until, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE outbox_messages SET next_attempt_at = $2 WHERE id = $1", connection, tx);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = until });
        await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static async Task ScheduleAgainAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Claimed row, DateTimeOffset due,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outbox_messages (id, kind, recipient, user_id, partner_id, about_id, status, due_at, next_attempt_at, attempts, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7, 0, $8)
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.PartnerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.AboutId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = due });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A delivered message's links (invitations, resets) outlive their use for no one: its content goes, its log line stays.</summary>
    private async Task ClearOldContentAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox_messages SET content = NULL, content_cleared_at = $1
            WHERE status IN ('sent', 'cancelled', 'skipped') AND content IS NOT NULL AND coalesce(sent_at, last_attempt_at, created_at) < $2
            """);
        var now = clock.GetUtcNow();
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.AddHours(-Options.KeepContentHours) });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string? Truncate(string? error) => error is { Length: > 500 } ? error[..500] : error;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server unavailable ({Error}: {Detail}); the outbox waits {Seconds} s and tries again")]
    private static partial void LogSmtpUnavailable(ILogger logger, string error, string detail, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sender could not reach the database ({Error}: {Detail}); trying again shortly")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string error, string detail);
}
