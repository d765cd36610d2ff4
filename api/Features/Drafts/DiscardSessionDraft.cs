using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Drafts;

public sealed record DiscardSessionDraftCommand(Guid Id) : IRequest<Unit>;

/// <summary>Deletes one of my drafts (the session was saved, or I chose to discard it). Someone else's is a 404.</summary>
internal sealed class DiscardSessionDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<DiscardSessionDraftCommand, Unit>
{
    public async Task<Unit> Handle(DiscardSessionDraftCommand command, CancellationToken ct)
    {
        var coupleId = await db.SessionDrafts.Where(d => d.Id == command.Id && d.UserId == user.Id)
            .Select(d => (Guid?)d.CoupleId).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("draft", command.Id);
        await db.SessionDrafts.Where(d => d.Id == command.Id && d.UserId == user.Id).ExecuteDeleteAsync(ct);
        audit.Record("session_draft.discard", "session_draft", command.Id, coupleId);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
