using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Mfa;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

public sealed record ResetTherapistMfaCommand(Guid Id) : IRequest<Unit>;

/// <summary>
/// For a therapist who lost their device: MFA off, key and recovery codes void, every session
/// ended. Their next sign-in asks for enrolment again when the practice requires MFA.
/// </summary>
internal sealed class ResetTherapistMfaHandler(ClinicDbContext db, UserManager<User> users, RecoveryCodeRedeemer codes,
    AuditTrail audit, TimeProvider clock) : IRequestHandler<ResetTherapistMfaCommand, Unit>
{
    public async Task<Unit> Handle(ResetTherapistMfaCommand command, CancellationToken ct)
    {
        var therapist = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == command.Id && u.Role == Roles.Therapist, ct)
            ?? throw new NotFoundException("therapist", command.Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await MfaReset.DisableAsync(users, codes, therapist, ct);
        await SessionRevocation.RevokeAllAsync(db, therapist.Id, clock.GetUtcNow(), "mfa_reset", ct);
        audit.Record("admin.mfa_reset", "user", therapist.Id, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Unit.Value;
    }
}
