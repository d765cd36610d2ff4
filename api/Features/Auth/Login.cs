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

/// <summary>
/// An unknown email, a wrong password, a locked or inactive account and a wrong code all answer the
/// same 401 problem, after the same work (one password hash), so the answer never tells whether an
/// email exists. Failures are counted per account in the database (<see cref="AccountLockout"/>) and
/// per account and per address in memory (<see cref="SignInThrottle"/>).
/// </summary>
internal sealed class LoginHandler(
    ClinicDbContext db, UserManager<User> users, SessionIssuer sessions, AuditTrail audit, IPasswordHasher<User> hasher,
    AccountLockout lockout, SignInThrottle throttle, PortalAccess portal, Mfa.RecoveryCodeRedeemer recoveryCodes)
    : IRequestHandler<LoginCommand, SignInResult>
{
    /// <summary>The password step of a two-step sign-in passed; the code is asked for next (the audit log's words for it).</summary>
    public const string SecondStepPending = "auth.login_second_step_pending";

    // The hash checked when there is no real one to check (unknown email, locked account), so every
    // failure costs the same time as a wrong password.
    private static readonly User TimingDecoy = User.Create(Roles.Client, "decoy@invalid", "", "", DateTimeOffset.UnixEpoch);
    private static readonly string DecoyHash = new PasswordHasher<User>().HashPassword(TimingDecoy, "timing-decoy-password");

    public async Task<SignInResult> Handle(LoginCommand command, CancellationToken ct)
    {
        throttle.EnsureAllowed(command.Email, command.ClientAddress);
        var user = await users.FindByEmailAsync(command.Email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(TimingDecoy, DecoyHash, command.Password);
            throw await FailAsync(command, null, "unknown_email", ct);
        }
        if (!await lockout.TryClaimAsync(user.Id, ct))
        {
            hasher.VerifyHashedPassword(TimingDecoy, DecoyHash, command.Password);
            throw await FailAsync(command, user, "locked_out", ct);
        }
        // The hasher itself, not UserManager.CheckPasswordAsync, which may write the user back (a rehash)
        // under its concurrency stamp: parallel sign-ins would then conflict.
        if (user.PasswordHash is null ||
            hasher.VerifyHashedPassword(user, user.PasswordHash, command.Password) == PasswordVerificationResult.Failed)
        {
            await lockout.FailedAsync(user.Id, ct);
            throw await FailAsync(command, user, "wrong_password", ct);
        }
        if (!user.CanSignIn)
        {
            // Answered and counted exactly as a wrong password: nothing tells that this one was right.
            await lockout.FailedAsync(user.Id, ct);
            throw await FailAsync(command, user, "account_" + user.Status.ToString().ToLowerInvariant(), ct);
        }
        if (await portal.IsClosedForAsync(user, ct))
        {
            // Told only after the right password, as the code prompt is: the person knows the account is theirs.
            await lockout.ReleaseAsync(user.Id, ct);
            audit.Record("auth.login", "user", user.Id, null, AuditOutcome.Denied, "portal_closed", user.Id, user.Role);
            await db.SaveChangesAsync(ct);
            throw new AuthenticationFailedException(AuthenticationFailure.PortalClosed);
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(command.TotpCode))
            {
                await lockout.ReleaseAsync(user.Id, ct);
                // Not a denial: the password was right and the sign-in waits for its second step.
                audit.Record(SecondStepPending, "user", user.Id, null, AuditOutcome.Allowed, null, user.Id, user.Role);
                await db.SaveChangesAsync(ct);
                throw new AuthenticationFailedException(AuthenticationFailure.MfaRequired);
            }
            var code = command.TotpCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var byApp = await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code);
            var byRecoveryCode = !byApp && await recoveryCodes.RedeemAsync(user.Id, code, ct);
            if (!byApp && !byRecoveryCode)
            {
                await lockout.FailedAsync(user.Id, ct);
                throw await FailAsync(command, user, "wrong_mfa_code", ct, mfaRequired: true);
            }
            if (byRecoveryCode) audit.Record("mfa.recovery_code_used", "user", user.Id, null, userId: user.Id, role: user.Role);
        }

        await lockout.SucceededAsync(user.Id, ct);
        var result = sessions.Start(user, command.ClientAddress, command.UserAgent);
        audit.Record("auth.login", "user", user.Id, null, AuditOutcome.Allowed,
            result.Body.MfaEnrolmentRequired ? "mfa_enrolment_required" : null, user.Id, user.Role);
        await db.SaveChangesAsync(ct);
        return result;
    }

    private async Task<AuthenticationFailedException> FailAsync(LoginCommand command, User? user, string reason, CancellationToken ct,
        bool mfaRequired = false)
    {
        throttle.Failed(command.Email, command.ClientAddress);
        audit.Record("auth.login", "user", user?.Id, null, AuditOutcome.Denied, reason, user?.Id, user?.Role);
        await db.SaveChangesAsync(ct);
        return new AuthenticationFailedException(mfaRequired ? AuthenticationFailure.MfaRequired : AuthenticationFailure.Credentials);
    }
}
