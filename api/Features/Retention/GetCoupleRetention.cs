using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Retention;

/// <summary>The couple page's retention panel: when the record may be purged and whether a legal hold keeps it.</summary>
public sealed record GetCoupleRetentionQuery(Guid CoupleId) : IRequest<RetentionCoupleDto>;

internal sealed class GetCoupleRetentionHandler(ClinicDbContext db, ICurrentUser user, RetentionPeriod period, PracticeCalendar calendar)
    : IRequestHandler<GetCoupleRetentionQuery, RetentionCoupleDto>
{
    public async Task<RetentionCoupleDto> Handle(GetCoupleRetentionQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var retention = await db.CoupleRetention.SingleOrDefaultAsync(r => r.CoupleId == couple.Id, ct);
        var therapist = await db.Users.Where(u => u.Id == couple.TherapistId).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct);
        return RetentionViews.Dto(couple, therapist, retention, await period.YearsAsync(ct), calendar.Today());
    }
}
