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

public sealed record StartMfaEnrolmentCommand : IRequest<MfaEnrolmentDto>;

/// <summary>
/// Issues a new authenticator key. Enabling waits for a code from it (confirm), so a key that
/// was never scanned cannot lock anyone out. Re-enrolling while enabled is refused: turning MFA
/// off first needs the password or a code, which a stolen access token alone does not give.
/// </summary>
internal sealed class StartMfaEnrolmentHandler(ClinicDbContext db, UserManager<User> users, ICurrentUser current, AuditTrail audit)
    : IRequestHandler<StartMfaEnrolmentCommand, MfaEnrolmentDto>
{
    private const string Issuer = "Clinic";

    public async Task<MfaEnrolmentDto> Handle(StartMfaEnrolmentCommand command, CancellationToken ct)
    {
        var user = await db.Users.AsTracking().SingleAsync(u => u.Id == current.Id, ct);
        if (user.TwoFactorEnabled) throw new ConflictException("Two-step sign-in is already on. Turn it off first to enrol a new device.");
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

public sealed record ConfirmMfaEnrolmentCommand(string Code) : IRequest<MfaRecoveryCodesDto>;

public sealed record MfaRecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

public sealed class ConfirmMfaEnrolmentValidator : AbstractValidator<ConfirmMfaEnrolmentCommand>
{
    public ConfirmMfaEnrolmentValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(16);
}

internal sealed class ConfirmMfaEnrolmentHandler(
    ClinicDbContext db, UserManager<User> users, ICurrentUser current, AuditTrail audit, RecoveryCodeRedeemer codes)
    : IRequestHandler<ConfirmMfaEnrolmentCommand, MfaRecoveryCodesDto>
{
    public async Task<MfaRecoveryCodesDto> Handle(ConfirmMfaEnrolmentCommand command, CancellationToken ct)
    {
        var user = await db.Users.AsTracking().SingleAsync(u => u.Id == current.Id, ct);
        if (user.TwoFactorEnabled) throw new ConflictException("Two-step sign-in is already on.");
        if (await users.GetAuthenticatorKeyAsync(user) is null)
            throw new ConflictException("Start the enrolment first.");
        var code = command.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            audit.Record("mfa.enrolment_confirm", "user", user.Id, null, Domain.Audit.AuditOutcome.Denied, "wrong_code");
            await db.SaveChangesAsync(ct);
            throw new FieldValidationException("code", "This code does not match. Check the time on your device and try the current code.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        var values = await codes.ReplaceAsync(user.Id, ct);
        audit.Record("mfa.enable", "user", user.Id, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MfaRecoveryCodesDto(values);
    }
}
