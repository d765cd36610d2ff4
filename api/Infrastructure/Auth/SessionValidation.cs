using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// A valid signature is not enough: the session the token names must still be open and its user
/// active, so logout, password change and deactivation take effect on the very next request.
/// </summary>
internal static class SessionValidation
{
    public static async Task OnTokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirst(ClinicClaims.Session)?.Value, out var sessionId) ||
            !Guid.TryParse(principal.FindFirst(ClinicClaims.Subject)?.Value, out var userId))
        {
            context.Fail("The token does not name a session.");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<ClinicDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var open = await db.AuthSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => u.Status)
            .AnyAsync(status => status == UserStatus.Active, context.HttpContext.RequestAborted);
        if (!open) context.Fail("The session has ended.");
    }
}
