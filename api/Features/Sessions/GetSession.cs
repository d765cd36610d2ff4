using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Supervision;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using MediatR;

namespace Clinic.Api.Features.Sessions;

public sealed record GetSessionQuery(Guid Id) : IRequest<SessionDto>;

/// <summary>The couple's therapist reads it, and so does their supervisor under an active link (audited with the link).</summary>
internal sealed class GetSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<GetSessionQuery, SessionDto>
{
    public async Task<SessionDto> Handle(GetSessionQuery query, CancellationToken ct)
    {
        var (session, access) = await db.ReadableSessionAsync(user, calendar.Today(), query.Id, ct);
        audit.Record("session.read", "session", session.Id, session.CoupleId, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
