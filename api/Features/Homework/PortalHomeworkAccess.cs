using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

/// <summary>The homework and entries a portal caller may reach: their own, or given to both partners.</summary>
internal static class PortalHomeworkAccess
{
    /// <summary>The couple's assignments this partner is covered by (<see cref="HomeworkAssignment.Covers(PartnerLabel)"/>).</summary>
    public static IQueryable<HomeworkAssignment> AssignedTo(this IQueryable<HomeworkAssignment> assignments, Partner me) =>
        assignments.Where(a => a.CoupleId == me.CoupleId).Where(HomeworkAssignment.Covers(me.Label));

    /// <summary>
    /// Another couple's homework, or the partner's own, is simply not there for this caller. The
    /// 404 does not echo the id, so it reads the same whichever id was probed.
    /// </summary>
    public static async Task<HomeworkAssignment> MyAssignmentAsync(this ClinicDbContext db, Partner me, Guid id, CancellationToken ct) =>
        await db.HomeworkAssignments.AssignedTo(me).SingleOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new NotFoundException("homework");

    /// <summary>Only the author may change an entry; to anyone else it is not there.</summary>
    public static async Task<HomeworkEntry> MyEntryAsync(this ClinicDbContext db, Partner me, Guid id, CancellationToken ct) =>
        await db.HomeworkEntries.AsTracking().SingleOrDefaultAsync(e => e.Id == id && e.AuthorPartnerId == me.Id, ct)
        ?? throw new NotFoundException("entry");
}
