using AutoMapper;
using AutoMapper.QueryableExtensions;
using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

public sealed record ListSessionsQuery(Guid CoupleId, int? Page, int? PageSize) : IRequest<Paged<SessionSummaryDto>>, IPagedRequest;

public sealed class ListSessionsValidator : AbstractValidator<ListSessionsQuery>
{
    public ListSessionsValidator() => this.AddPagingRules();
}

internal sealed class ListSessionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IMapper mapper)
    : IRequestHandler<ListSessionsQuery, Paged<SessionSummaryDto>>
{
    public async Task<Paged<SessionSummaryDto>> Handle(ListSessionsQuery query, CancellationToken ct)
    {
        if (!await db.Couples.OwnedBy(user).AnyAsync(c => c.Id == query.CoupleId, ct))
            throw new NotFoundException("couple", query.CoupleId);
        var page = await db.Sessions.Where(s => s.CoupleId == query.CoupleId)
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.Id)
            .ProjectTo<SessionSummaryDto>(mapper.ConfigurationProvider)
            .ToPagedAsync(query, ct);
        audit.Record("session.list", "session", null, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return page;
    }
}

public sealed record GetSessionQuery(Guid Id) : IRequest<SessionDto>;

internal sealed class GetSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IMapper mapper)
    : IRequestHandler<GetSessionQuery, SessionDto>
{
    public async Task<SessionDto> Handle(GetSessionQuery query, CancellationToken ct)
    {
        var session = await db.LoadOwnedSessionAsync(user, query.Id, ct);
        audit.Record("session.read", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return mapper.Map<SessionDto>(session);
    }
}

internal static class SessionLoading
{
    public static async Task<Session> LoadOwnedSessionAsync(this ClinicDbContext db, ICurrentUser user, Guid id,
        CancellationToken ct, bool tracking = false)
    {
        var query = db.Sessions.Include(s => s.Amendments).OwnedBy(db, user);
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("session", id);
    }
}
