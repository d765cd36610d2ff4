using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
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
