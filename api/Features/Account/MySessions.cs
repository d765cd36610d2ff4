using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Account;

public sealed record MySessionDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastRefreshedAt, DateTimeOffset ExpiresAt,
    string? ClientAddress, string? UserAgent, bool Current);

/// <summary>My open sessions, newest first. Bounded by the 12-hour absolute lifetime, so not paged.</summary>
public sealed record ListMySessionsQuery : IRequest<IReadOnlyList<MySessionDto>>;

internal sealed class ListMySessionsHandler(ClinicDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ListMySessionsQuery, IReadOnlyList<MySessionDto>>
{
    public async Task<IReadOnlyList<MySessionDto>> Handle(ListMySessionsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = user.SessionId;
        return await db.AuthSessions
            .Where(s => s.UserId == user.Id && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new MySessionDto(s.Id, s.CreatedAt, s.LastRefreshedAt, s.ExpiresAt, s.ClientAddress, s.UserAgent, s.Id == current))
            .ToListAsync(ct);
    }
}

public sealed record EndMySessionCommand(Guid Id) : IRequest<Unit>;

/// <summary>Ends one of my sessions (possibly this one). Someone else's session is a 404.</summary>
internal sealed class EndMySessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<EndMySessionCommand, Unit>
{
    public async Task<Unit> Handle(EndMySessionCommand command, CancellationToken ct)
    {
        var session = await db.AuthSessions.AsTracking()
            .SingleOrDefaultAsync(s => s.Id == command.Id && s.UserId == user.Id && s.RevokedAt == null, ct)
            ?? throw new NotFoundException("session", command.Id);
        session.Revoke(clock.GetUtcNow(), "ended_by_user");
        audit.Record("auth.session_end", "session", session.Id, null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
