using System.Text.Encodings.Web;
using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Clinic.Api.Features.Mfa;

public sealed record MfaEnrolmentDto(string SharedKey, string OtpauthUri, string QrCodePngBase64);

/// <summary>The current password: a bearer token alone must not receive the shared key.</summary>
public sealed record StartMfaEnrolmentCommand(string? CurrentPassword) : IRequest<MfaEnrolmentDto>;

public sealed class StartMfaEnrolmentValidator : AbstractValidator<StartMfaEnrolmentCommand>
{
    public StartMfaEnrolmentValidator() =>
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(1024);
}

/// <summary>
/// Issues a new authenticator key, to the holder of the current password only: whoever stole an
/// access token could otherwise bind their own authenticator to the account. Enabling waits for a
/// code from the key (confirm), so a key that was never scanned cannot lock anyone out.
/// Re-enrolling while enabled is refused: turning MFA off first needs the password or a code.
/// </summary>
internal sealed class StartMfaEnrolmentHandler(
    ClinicDbContext db, UserManager<User> users, ICurrentUser current, AuditTrail audit, AccountLockout lockout)
    : IRequestHandler<StartMfaEnrolmentCommand, MfaEnrolmentDto>
{
    private const string Issuer = "Clinic";

    public async Task<MfaEnrolmentDto> Handle(StartMfaEnrolmentCommand command, CancellationToken ct)
    {
        var user = await db.Users.AsTracking().SingleAsync(u => u.Id == current.Id, ct);
        if (user.TwoFactorEnabled) throw new ConflictException("Two-step sign-in is already on. Turn it off first to enrol a new device.");
        if (!await lockout.CheckPasswordAsync(user, command.CurrentPassword, ct))
        {
            audit.Record("mfa.enrolment_start", "user", user.Id, null, Domain.Audit.AuditOutcome.Denied, "wrong_password");
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("currentPassword", "The current password is not right. No key was issued.");
        }
        await users.ResetAuthenticatorKeyAsync(user);
        // Steps spent with an earlier key say nothing about the new one.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MfaLastStep, (long?)null), ct);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        var uri = $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(user.Email ?? "")}" +
                  $"?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6&period=30";
        audit.Record("mfa.enrolment_start", "user", user.Id, null);
        await db.SaveChangesAsync(ct);
        return new MfaEnrolmentDto(FormatKey(key), uri, QrPng(uri));
    }

    private static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    private static string QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        return Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
