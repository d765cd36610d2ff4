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
    // Runs on every authenticated request: compiled once, so EF skips translating and caching it each time.
    internal static readonly Func<ClinicDbContext, Guid, Guid, DateTimeOffset, CancellationToken, Task<bool>> IsOpen =
        EF.CompileAsyncQuery((ClinicDbContext db, Guid sessionId, Guid userId, DateTimeOffset now, CancellationToken ct) =>
            db.AuthSessions
                .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
                .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => u.Status)
                .Any(status => status == UserStatus.Active));

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
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // The hottest reads check the session in the same round trip as their data (BatchedSessionCheck).
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<BatchedSessionCheck.Marker>() is not null)
        {
            services.GetRequiredService<BatchedSessionCheck>().Defer(now);
            return;
        }
        var db = services.GetRequiredService<ClinicDbContext>();
        var open = await IsOpen(db, sessionId, userId, now, context.HttpContext.RequestAborted);
        if (!open) context.Fail("The session has ended.");
    }
}
