using Clinic.Api.Data;
using Clinic.Api.Features.Mfa;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

public sealed record RevokeUserSessionsCommand(Guid Id) : IRequest<RevokedSessionsDto>;

public sealed record RevokedSessionsDto(int Revoked);

/// <summary>Ends every open session of any user (a therapist, a client, another admin or oneself).</summary>
internal sealed class RevokeUserSessionsHandler(ClinicDbContext db, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<RevokeUserSessionsCommand, RevokedSessionsDto>
{
    public async Task<RevokedSessionsDto> Handle(RevokeUserSessionsCommand command, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == command.Id, ct)) throw new NotFoundException("user", command.Id);
        var revoked = await SessionRevocation.RevokeAllAsync(db, command.Id, clock.GetUtcNow(), "revoked_by_admin", ct);
        audit.Record("admin.sessions_revoke", "user", command.Id, null, detail: $"revoked={revoked}");
        await db.SaveChangesAsync(ct);
        return new RevokedSessionsDto(revoked);
    }
}
