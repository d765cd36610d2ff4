using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

/// <summary>
/// The one ownership rule of the workspace: a therapist sees only their own caseload. Anything
/// else is indistinguishable from a record that does not exist.
/// </summary>
public static class Ownership
{
    public static IQueryable<Couple> OwnedBy(this IQueryable<Couple> couples, ICurrentUser user) =>
        couples.Where(c => c.TherapistId == user.Id && user.Role == Domain.Users.Roles.Therapist);

    /// <summary>
    /// <see cref="OwnedBy(IQueryable{Couple}, ICurrentUser)"/> for the dashboards' raw SQL: the couple's therapist is the
    /// parameter (the dashboards run only for therapists, their endpoint's policy). SqlRulesTests evaluates both.
    /// </summary>
    public static string OwnedBySql(string coupleAlias, string therapistParameter) => $"{coupleAlias}.therapist_id = {therapistParameter}";

    public static IQueryable<Session> OwnedBy(this IQueryable<Session> sessions, ClinicDbContext db, ICurrentUser user) =>
        sessions.Where(s => db.Couples.OwnedBy(user).Any(c => c.Id == s.CoupleId));

    public static async Task<Couple> OwnedCoupleAsync(this ClinicDbContext db, ICurrentUser user, Guid coupleId,
        CancellationToken ct, bool tracking = false)
    {
        var query = db.Couples.Include(c => c.Partners).OwnedBy(user);
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(c => c.Id == coupleId, ct) ?? throw new NotFoundException("couple", coupleId);
    }

    /// <summary>For reads that need only the couple's id: that it is on the caller's caseload, else 404.</summary>
    public static async Task EnsureOwnedCoupleAsync(this ClinicDbContext db, ICurrentUser user, Guid coupleId, CancellationToken ct)
    {
        if (!await db.Couples.OwnedBy(user).AnyAsync(c => c.Id == coupleId, ct)) throw new NotFoundException("couple", coupleId);
    }

    public static async Task<Session> OwnedSessionAsync(this ClinicDbContext db, ICurrentUser user, Guid id,
        CancellationToken ct, bool tracking = false)
    {
        var query = db.Sessions.Include(s => s.Amendments).OwnedBy(db, user);
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("session", id);
    }

    /// <summary>Assignments of couples on the caller's caseload; anything else is not found.</summary>
    public static IQueryable<HomeworkAssignment> OwnedBy(this IQueryable<HomeworkAssignment> assignments, ClinicDbContext db,
        ICurrentUser user) => assignments.Where(a => db.Couples.OwnedBy(user).Any(c => c.Id == a.CoupleId));

    public static async Task<HomeworkAssignment> OwnedAssignmentAsync(this ClinicDbContext db, ICurrentUser user, Guid id,
        CancellationToken ct, bool tracking = false)
    {
        var query = db.HomeworkAssignments.OwnedBy(db, user);
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("homework", id);
    }
}
