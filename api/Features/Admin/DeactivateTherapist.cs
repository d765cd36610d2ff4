using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

public sealed record DeactivateTherapistCommand(Guid Id) : IRequest<Unit>;

/// <summary>Deactivation ends every open session of the therapist at once.</summary>
internal sealed class DeactivateTherapistHandler(ClinicDbContext db, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<DeactivateTherapistCommand, Unit>
{
    public async Task<Unit> Handle(DeactivateTherapistCommand command, CancellationToken ct)
    {
        var therapist = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == command.Id && u.Role == Roles.Therapist, ct)
            ?? throw new NotFoundException("therapist", command.Id);
        var now = clock.GetUtcNow();
        therapist.Deactivate(now);
        await db.AuthSessions.Where(s => s.UserId == therapist.Id && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "deactivated"), ct);
        audit.Record("admin.therapist_deactivate", "user", therapist.Id, null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
