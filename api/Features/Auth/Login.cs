using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Api.Features.Auth;

public sealed record LoginCommand(string Email, string Password, string? TotpCode) : IRequest<SignInResult>
{
    internal string? ClientAddress { get; init; }
    internal string? UserAgent { get; init; }
}

public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(1024);
        RuleFor(c => c.TotpCode).MaximumLength(32);
    }
}

internal sealed class LoginHandler(
    ClinicDbContext db, UserManager<User> users, SessionIssuer sessions, AuditTrail audit, IPasswordHasher<User> hasher,
    TimeProvider clock, Mfa.RecoveryCodeRedeemer recoveryCodes)
    : IRequestHandler<LoginCommand, SignInResult>
{
    // Hashing a throwaway password for unknown emails keeps the timing of "no such user" and
    // "wrong password" alike, so the response does not reveal which emails exist.
    private static readonly User TimingDecoy = User.Create(Roles.Client, "decoy@invalid", "", "", DateTimeOffset.UnixEpoch);
    private static readonly string DecoyHash = new PasswordHasher<User>().HashPassword(TimingDecoy, "timing-decoy-password");

    public async Task<SignInResult> Handle(LoginCommand command, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(command.Email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(TimingDecoy, DecoyHash, command.Password);
            await Fail(null, "unknown_email", ct);
        }
        // Identity sets LockoutEnd; the check reads our clock so the 15 minutes are testable.
        if (user!.LockoutEnabled && user.LockoutEnd is { } lockedUntil && lockedUntil > clock.GetUtcNow())
        {
            hasher.VerifyHashedPassword(user!, DecoyHash, command.Password);
            await Fail(user, "locked_out", ct);
        }
        if (!await users.CheckPasswordAsync(user!, command.Password))
        {
            await users.AccessFailedAsync(user!);
            await Fail(user, "wrong_password", ct);
        }
        if (!user!.CanSignIn) await Fail(user, "account_" + user.Status.ToString().ToLowerInvariant(), ct);

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(command.TotpCode))
            {
                audit.Record("auth.login", "user", user.Id, null, AuditOutcome.Denied, "mfa_required", user.Id, user.Role);
                await db.SaveChangesAsync(ct);
                throw new AuthenticationFailedException(mfaRequired: true);
            }
            var code = command.TotpCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var valid = await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)
                        || await recoveryCodes.RedeemAsync(user.Id, code, ct);
            if (!valid)
            {
                await users.AccessFailedAsync(user);
                await Fail(user, "wrong_mfa_code", ct, mfaRequired: true);
            }
        }

        await users.ResetAccessFailedCountAsync(user);
        var result = sessions.Start(user, command.ClientAddress, command.UserAgent);
        audit.Record("auth.login", "user", user.Id, null, AuditOutcome.Allowed,
            result.Body.MfaEnrolmentRequired ? "mfa_enrolment_required" : null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        return result;
    }

    private async Task Fail(User? user, string reason, CancellationToken ct, bool mfaRequired = false)
    {
        audit.Record("auth.login", "user", user?.Id, null, AuditOutcome.Denied, reason, user?.Id, user?.Role);
        await db.SaveChangesAsync(ct);
        throw new AuthenticationFailedException(mfaRequired);
    }
}
