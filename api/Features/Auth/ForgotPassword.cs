using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Startup;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

public sealed record ForgotPasswordCommand(string? Email) : IRequest<Unit>;

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(256);
}

/// <summary>
/// "Forgot password?" for every role. The request does the same work whatever the address (issue 26): it
/// queues one message for the outbox, due now, and answers 202 before anything looks the address up, so
/// neither the answer nor its timing says whether the address has an account. The outbox sender composes
/// it (<see cref="PasswordResetLink"/>): only an active account's mailbox gets a link.
/// </summary>
internal sealed class ForgotPasswordHandler(ClinicDbContext db, AuditTrail audit, Outbox outbox, TimeProvider clock)
    : IRequestHandler<ForgotPasswordCommand, Unit>
{
    public async Task<Unit> Handle(ForgotPasswordCommand command, CancellationToken ct)
    {
        var message = outbox.Remind(MessageKinds.PasswordReset, command.Email!.Trim(), clock.GetUtcNow(), default);
        audit.Record("auth.password_forgot", "outbox_message", message.Id, null, AuditOutcome.Allowed, "queued");
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>
/// Composes a queued reset email when the outbox sender picks it up: a link (single use, one hour) for an
/// active account, at most <see cref="PasswordReset.MaxPerAccountPerHour"/> an hour per account whoever asks;
/// nothing for an unknown or inactive address. The link's id is the message's, so a message composed again
/// after a failed send replaces its own link instead of adding one.
/// </summary>
internal sealed class PasswordResetLink(ClinicDbContext db, UserManager<User> users, AuditTrail audit, EmailWriter writer,
    TimeProvider clock) : IReminderKind
{
    public string Kind => MessageKinds.PasswordReset;
    public ReminderChoice? Choice => null;

    public async Task<ReminderOutcome> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await users.FindByEmailAsync(message.Recipient);
        if (user is null || !user.CanSignIn)
        {
            audit.Record("auth.password_reset_link", "outbox_message", message.Id, null, AuditOutcome.Denied,
                user is null ? "unknown_email" : "account_" + user.Status.ToString().ToLowerInvariant(), user?.Id, user?.Role);
            await db.SaveChangesAsync(ct);
            return new ReminderOutcome.Skip("No active account has this address.");
        }
        // One composer at a time per account (two sender workers may hold two of its messages): the count
        // below and the link added after it are one step, so the cap cannot be overtaken.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM users WHERE id = {user.Id} FOR UPDATE", ct);
        var since = now - TimeSpan.FromHours(1);
        if (await db.PasswordResets.CountAsync(r => r.UserId == user.Id && r.CreatedAt > since && r.Id != message.Id, ct)
            >= PasswordReset.MaxPerAccountPerHour)
        {
            audit.Record("auth.password_reset_link", "outbox_message", message.Id, null, AuditOutcome.Denied, "hourly_cap", user.Id, user.Role);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new ReminderOutcome.Skip($"This account was sent {PasswordReset.MaxPerAccountPerHour} reset links in the last hour.");
        }

        var reset = await db.PasswordResets.AsTracking().SingleOrDefaultAsync(r => r.Id == message.Id, ct);
        string token;
        if (reset is null)
        {
            (reset, token) = PasswordReset.Issue(user.Id, now, message.Id);
            db.PasswordResets.Add(reset);
        }
        else if (reset.UsedAt is null) token = reset.Reissue(now);
        else return new ReminderOutcome.Skip("This link was already used.");
        audit.Record("auth.password_reset_link", "password_reset", reset.Id, null, AuditOutcome.Allowed, null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ReminderOutcome.Send(new EmailText($"Reset your {writer.PracticeName} password",
            [$"Someone — hopefully you — asked to reset the password of your {writer.PracticeName} account.",
             "Choose a new password with the link below. It works once, for one hour.",
             "If it wasn't you, you can ignore this email: your password stays as it is."],
            "Choose a new password", $"{writer.PublicUrl}/reset-password?token={token}"));
    }
}

internal sealed class PasswordResetModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped<IReminderKind, PasswordResetLink>();
}
