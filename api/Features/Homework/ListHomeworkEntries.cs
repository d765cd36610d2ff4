using Clinic.Api.Data;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Homework;

public sealed record ListHomeworkEntriesQuery(Guid Id) : IRequest<AssignmentEntriesDto>;

internal sealed class ListHomeworkEntriesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListHomeworkEntriesQuery, AssignmentEntriesDto>
{
    public async Task<AssignmentEntriesDto> Handle(ListHomeworkEntriesQuery query, CancellationToken ct)
    {
        var assignment = await db.OwnedAssignmentAsync(user, query.Id, ct);
        var labels = await db.Partners.Where(p => p.CoupleId == assignment.CoupleId).ToDictionaryAsync(p => p.Id, p => p.Label, ct);
        var entries = await db.HomeworkEntries.Where(e => e.AssignmentId == assignment.Id)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.CreatedAt).ToListAsync(ct);

        var joint = assignment.IsJoint ? new HashSet<Guid> { assignment.Id } : [];
        var pairing = EntryPairing.Pair(HomeworkMetrics.Facts(entries), joint);
        var result = new AssignmentEntriesDto(assignment.Id, assignment.ExerciseCode, assignment.AssignedTo,
            // Newest first, as the portal lists them; pairing above reads them in the order they happened.
            entries.AsEnumerable().Reverse().Select(e => new TherapistEntryDto(e.Id, e.AuthorPartnerId, labels[e.AuthorPartnerId], e.OccurredOn, e.Role,
                e.Visibility, EntryFields.ToElements(e.Fields), e.CreatedAt, e.UpdatedAt, e.IsWithdrawn, e.WithdrawnAt)).ToList(),
            pairing.Pairs.Select(p => new EntryPairDto(p.Needing.OccurredOn, p.Needing.EntryId, p.Supporting.EntryId)).ToList(),
            pairing.Gaps.Select(g => new PerceptionGapDto(g.Kind, g.Needing.OccurredOn, g.Needing.EntryId, g.Supporting?.EntryId)).ToList());
        audit.Record("homework.entries.read", "homework", assignment.Id, assignment.CoupleId);
        await db.SaveChangesAsync(ct);
        return result;
    }
}
