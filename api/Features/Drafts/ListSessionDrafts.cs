using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Drafts;

/// <summary>My kept notes that have not lapsed, newest first: offered back after signing in, on any device.</summary>
public sealed record ListSessionDraftsQuery : IRequest<IReadOnlyList<KeptNoteDto>>;

/// <summary>Only the caller's own, and only for couples still on their caseload. Each one read is audited.</summary>
internal sealed class ListSessionDraftsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ListSessionDraftsQuery, IReadOnlyList<KeptNoteDto>>
{
    public async Task<IReadOnlyList<KeptNoteDto>> Handle(ListSessionDraftsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var drafts = await (
                from d in db.SessionDrafts
                join c in db.Couples.OwnedBy(user) on d.CoupleId equals c.Id
                where d.UserId == user.Id && d.ExpiresAt > now
                orderby d.SavedAt descending, d.Id
                select new KeptNoteDto(d.Id, d.CoupleId, c.DisplayName, d.SessionId, d.Note, d.SavedAt, d.ExpiresAt))
            .ToListAsync(ct);
        foreach (var draft in drafts) audit.Record("session_draft.read", "session_draft", draft.Id, draft.CoupleId);
        if (drafts.Count > 0) await db.SaveChangesAsync(ct);
        return drafts;
    }
}
