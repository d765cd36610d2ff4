using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Clinic.Api.Features.Mfa;

/// <summary>
/// RFC 6238 authenticator codes (HMAC-SHA1, 30 s steps, 6 digits; Otp.NET computes and compares them) with
/// the window the issue asks for: the current step and one either side (Identity's
/// <see cref="AuthenticatorTokenProvider{TUser}"/> allows two, and any number of reuses). A step, once
/// accepted, is spent: the last accepted step is stored per user and moved forward atomically, so a code
/// seen over someone's shoulder, or sent twice at once, signs in once (RFC 6238 section 5.2). Key
/// generation stays with Identity.
/// </summary>
internal sealed class TotpTokenProvider(TimeProvider clock, ClinicDbContext db) : AuthenticatorTokenProvider<User>
{
    public const int StepSeconds = 30;
    public const int AllowedSkewSteps = 1;

    private static readonly VerificationWindow Window = new(previous: AllowedSkewSteps, future: AllowedSkewSteps);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key), StepSeconds, OtpHashMode.Sha1, totpSize: 6);
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window)) return false;
        // Only a step later than the last one accepted counts; the WHERE makes two racing requests agree.
        var spent = await db.Users.Where(u => u.Id == user.Id && (u.MfaLastStep == null || u.MfaLastStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.MfaLastStep, step));
        return spent == 1;
    }
}
