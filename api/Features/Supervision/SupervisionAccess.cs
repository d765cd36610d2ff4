using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.Supervision;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Supervision;

/// <summary>How the caller reads a couple: as its therapist (<see cref="LinkId"/> null) or as a supervisor under a link.</summary>
public sealed record ReadAccess(Guid? LinkId)
{
    public bool AsSupervisor => LinkId is not null;

    /// <summary>The audit detail every supervisor's read carries: the link it was made under.</summary>
    public string? AuditDetail => LinkId is { } id ? $"supervision link {id}" : null;
}

/// <summary>
/// DESIGN §18's one read rule beside <see cref="Ownership"/>: a therapist with the supervisor capability reads a
/// supervisee's couples while a link between them is active today — read-only (every write keeps using
/// <see cref="Ownership"/>, so a supervisor's write is a 404), and anything else stays indistinguishable from a
/// record that does not exist. A link that ended, or a capability the admin withdrew, ends the access at once.
/// </summary>
public static class SupervisionAccess
{
    /// <summary>The caller's links that are active today, as a supervisor who still holds the capability.</summary>
    public static IQueryable<SupervisionLink> ActiveLinksOf(this ClinicDbContext db, ICurrentUser user, DateOnly today) =>
        db.SupervisionLinks.Where(l => l.SupervisorId == user.Id && user.Role == Roles.Therapist
            && l.StartsOn <= today && (l.EndsOn == null || l.EndsOn >= today)
            && db.Users.Any(u => u.Id == l.SupervisorId && u.IsSupervisor && u.Status == UserStatus.Active));

    /// <summary>The couples the caller supervises today, with the link for each.</summary>
    public static IQueryable<SupervisedCouple> SupervisedCouples(this ClinicDbContext db, ICurrentUser user, DateOnly today) =>
        from l in db.ActiveLinksOf(user, today)
        join c in db.Couples on l.SuperviseeId equals c.TherapistId
        select new SupervisedCouple { CoupleId = c.Id, LinkId = l.Id, SuperviseeId = l.SuperviseeId };

    /// <summary>The couple, as its therapist or its therapist's supervisor reads it; otherwise 404.</summary>
    public static async Task<(Couple Couple, ReadAccess Access)> ReadableCoupleAsync(this ClinicDbContext db, ICurrentUser user,
        DateOnly today, Guid coupleId, CancellationToken ct)
    {
        var couple = await db.Couples.Include(c => c.Partners).OwnedBy(user).SingleOrDefaultAsync(c => c.Id == coupleId, ct);
        if (couple is not null) return (couple, new ReadAccess(null));
        var linkId = await db.SupervisedCouples(user, today).Where(s => s.CoupleId == coupleId).Select(s => (Guid?)s.LinkId)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("couple", coupleId);
        return (await db.Couples.Include(c => c.Partners).SingleAsync(c => c.Id == coupleId, ct), new ReadAccess(linkId));
    }

    /// <summary>For reads that need only the couple's id.</summary>
    public static async Task<ReadAccess> EnsureReadableCoupleAsync(this ClinicDbContext db, ICurrentUser user, DateOnly today,
        Guid coupleId, CancellationToken ct)
    {
        if (await db.Couples.OwnedBy(user).AnyAsync(c => c.Id == coupleId, ct)) return new ReadAccess(null);
        var linkId = await db.SupervisedCouples(user, today).Where(s => s.CoupleId == coupleId).Select(s => (Guid?)s.LinkId)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("couple", coupleId);
        return new ReadAccess(linkId);
    }

    /// <summary>The session, as its therapist or its therapist's supervisor reads it; otherwise 404.</summary>
    public static async Task<(Session Session, ReadAccess Access)> ReadableSessionAsync(this ClinicDbContext db, ICurrentUser user,
        DateOnly today, Guid id, CancellationToken ct, bool tracking = false)
    {
        var query = db.Sessions.Include(s => s.Amendments).AsQueryable();
        if (tracking) query = query.AsTracking();
        var session = await query.Where(s => db.Couples.OwnedBy(user).Any(c => c.Id == s.CoupleId)
                || db.SupervisedCouples(user, today).Any(c => c.CoupleId == s.CoupleId))
            .SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("session", id);
        return (session, await db.EnsureReadableCoupleAsync(user, today, session.CoupleId, ct));
    }

    /// <summary>A session the caller supervises today (the co-signature's lookup); the therapist's own sessions are not among them.</summary>
    public static async Task<(Session Session, Guid LinkId)> SupervisedSessionAsync(this ClinicDbContext db, ICurrentUser user,
        DateOnly today, Guid id, CancellationToken ct)
    {
        var found = await (from s in db.Sessions.AsTracking()
                           join c in db.SupervisedCouples(user, today) on s.CoupleId equals c.CoupleId
                           where s.Id == id
                           select new { Session = s, c.LinkId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("session", id);
        await db.Entry(found.Session).Collection(s => s.Amendments).LoadAsync(ct);
        return (found.Session, found.LinkId);
    }
}

/// <summary>A member-initialised class, not a positional record, so EF Core can keep composing queries on it.</summary>
public sealed class SupervisedCouple
{
    public Guid CoupleId { get; init; }
    public Guid LinkId { get; init; }
    public Guid SuperviseeId { get; init; }
}
