using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record ListPortalEntriesQuery(Guid AssignmentId) : IRequest<IReadOnlyList<PortalEntryDto>>;

internal sealed class ListPortalEntriesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListPortalEntriesQuery, IReadOnlyList<PortalEntryDto>>
{
    public async Task<IReadOnlyList<PortalEntryDto>> Handle(ListPortalEntriesQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var assignment = await db.MyAssignmentAsync(me, query.AssignmentId, ct);
        // The partner's private and withdrawn entries never leave the database for this caller.
        var entries = await db.HomeworkEntries
            .Where(e => e.AssignmentId == assignment.Id)
            .Where(HomeworkEntry.VisibleTo(me.Id))
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.CreatedAt)
            .ToListAsync(ct);
        audit.Record("portal.homework.entries.read", "homework", assignment.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return entries.Select(e => PortalHomeworkViews.Entry(e, me)).ToList();
    }
}
