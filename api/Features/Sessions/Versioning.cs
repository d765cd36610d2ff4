using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Infrastructure.Errors;

namespace Clinic.Api.Features.Sessions;

internal static class Versioning
{
    /// <summary>A stale version is a 409 now, and the row version guards the race up to the write.</summary>
    public static void ExpectVersion(this Session session, ClinicDbContext db, uint version)
    {
        if (session.Version != version)
            throw new ConflictException("This session was changed since you read it. Reload to see the latest version, then try again.");
        db.Entry(session).Property(s => s.Version).OriginalValue = version;
    }
}
