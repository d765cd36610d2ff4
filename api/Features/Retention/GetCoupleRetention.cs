using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;

namespace Clinic.Api.Features.Retention;

/// <summary>The couple page's retention panel: when the record may be purged and whether a legal hold keeps it.</summary>
public sealed record GetCoupleRetentionQuery(Guid CoupleId) : IRequest<RetentionCoupleDto>;

internal sealed class GetCoupleRetentionHandler(ClinicDbContext db, ICurrentUser user, LegalHolds holds)
    : IRequestHandler<GetCoupleRetentionQuery, RetentionCoupleDto>
{
    public async Task<RetentionCoupleDto> Handle(GetCoupleRetentionQuery query, CancellationToken ct) =>
        await holds.ReadAsync(await db.OwnedCoupleAsync(user, query.CoupleId, ct), ct);
}
