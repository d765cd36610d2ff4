using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;

namespace Clinic.Api.Features.Sessions;

public sealed record GetSessionQuery(Guid Id) : IRequest<SessionDto>;

internal sealed class GetSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetSessionQuery, SessionDto>
{
    public async Task<SessionDto> Handle(GetSessionQuery query, CancellationToken ct)
    {
        var session = await db.OwnedSessionAsync(user, query.Id, ct);
        audit.Record("session.read", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
