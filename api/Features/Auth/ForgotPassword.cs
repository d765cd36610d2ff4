using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Api.Features.Auth;

public sealed record ForgotPasswordCommand(string? Email) : IRequest<Unit>;

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(256);
}

/// <summary>
/// "Forgot password?" for every role. The answer is the same 202 whatever the address: only the
/// mailbox of a real, active account receives a link (single use, one hour), so the response never
/// says whether an address has an account. The link and its email are stored together.
/// </summary>
internal sealed class ForgotPasswordHandler(ClinicDbContext db, UserManager<User> users, AuditTrail audit, Outbox outbox,
    TimeProvider clock) : IRequestHandler<ForgotPasswordCommand, Unit>
{
    public async Task<Unit> Handle(ForgotPasswordCommand command, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(command.Email!.Trim());
        if (user is null || !user.CanSignIn)
        {
            audit.Record("auth.password_forgot", "user", user?.Id, null, AuditOutcome.Denied,
                user is null ? "unknown_email" : "account_" + user.Status.ToString().ToLowerInvariant(), user?.Id, user?.Role);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        var (reset, token) = PasswordReset.Issue(user.Id, clock.GetUtcNow());
        db.PasswordResets.Add(reset);
        var writer = outbox.Writer;
        outbox.Send(MessageKinds.PasswordReset, user.Email!, new EmailText($"Reset your {writer.PracticeName} password",
            [$"Someone — hopefully you — asked to reset the password of your {writer.PracticeName} account.",
             "Choose a new password with the link below. It works once, for one hour.",
             "If it wasn't you, you can ignore this email: your password stays as it is."],
            "Choose a new password", $"{writer.PublicUrl}/reset-password?token={token}"),
            new Recipients(user.Id, user.PartnerId, reset.Id));
        audit.Record("auth.password_forgot", "user", user.Id, null, AuditOutcome.Allowed, null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
