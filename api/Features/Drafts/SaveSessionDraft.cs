using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Sessions;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Drafts;

/// <summary>The note being typed for a session (<c>sessionId</c>) or for a new session of the couple (no <c>sessionId</c>).</summary>
public sealed record SaveSessionDraftCommand(Guid? CoupleId, Guid? SessionId, string? Note) : IRequest<KeptNoteDto>;

public sealed class SaveSessionDraftValidator : AbstractValidator<SaveSessionDraftCommand>
{
    public SaveSessionDraftValidator()
    {
        RuleFor(c => c.CoupleId).NotNull();
        RuleFor(c => c.Note).NotEmpty().MaximumLength(SessionInputRules.MaxNoteLength);
    }
}

/// <summary>
/// Keeps the caller's draft for this session, replacing their earlier one, for seven days from now.
/// One statement (INSERT … ON CONFLICT), so saves racing from two tabs keep one draft. The couple,
/// and the session when named, must be on the caller's caseload (else 404). The audit row names
/// the draft, never its text.
/// </summary>
internal sealed class SaveSessionDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<SaveSessionDraftCommand, KeptNoteDto>
{
    public async Task<KeptNoteDto> Handle(SaveSessionDraftCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId!.Value, ct);
        if (command.SessionId is { } sessionId && !await db.Sessions.AnyAsync(s => s.Id == sessionId && s.CoupleId == couple.Id, ct))
            throw new NotFoundException("session", sessionId);

        var now = clock.GetUtcNow();
        var expiresAt = SessionDraft.ExpiryFor(now);
        // Lapsed drafts of anyone go now: a draft is a working copy, not a record.
        await db.SessionDrafts.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        var ids = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO session_drafts (id, user_id, couple_id, session_id, note, saved_at, expires_at)
            VALUES ({Guid.NewGuid()}, {user.Id}, {couple.Id}, {command.SessionId}, {command.Note}, {now}, {expiresAt})
            ON CONFLICT (user_id, couple_id, session_id)
            DO UPDATE SET note = excluded.note, saved_at = excluded.saved_at, expires_at = excluded.expires_at
            RETURNING id AS "Value"
            """).ToListAsync(ct); // not composable (an INSERT), so no SingleAsync
        var id = ids.Single();
        audit.Record("session_draft.save", "session_draft", id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new KeptNoteDto(id, couple.Id, couple.DisplayName, command.SessionId, command.Note!, now, expiresAt);
    }
}
