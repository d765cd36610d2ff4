using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Supervision;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

public sealed record GetCoupleQuery(Guid Id) : IRequest<CoupleDto>;

internal sealed class GetCoupleHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock, PracticeCalendar calendar)
    : IRequestHandler<GetCoupleQuery, CoupleDto>
{
    public async Task<CoupleDto> Handle(GetCoupleQuery query, CancellationToken ct)
    {
        // The therapist's own couple, or a supervisee's under an active supervision link (DESIGN §18, read-only).
        var (couple, access) = await db.ReadableCoupleAsync(user, calendar.Today(), query.Id, ct);
        var dto = couple.ToDto();
        var now = clock.GetUtcNow();
        var partnerIds = couple.Partners.Select(p => p.Id).ToList();
        var invited = await db.Invitations
            .Where(i => i.PartnerId != null && partnerIds.Contains(i.PartnerId.Value) && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .Select(i => i.PartnerId!.Value).ToListAsync(ct);
        audit.Record("couple.read", "couple", couple.Id, couple.Id, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return dto with
        {
            Partners = dto.Partners.Select(p => p.PortalStatus == PortalStatus.None && invited.Contains(p.Id)
                ? p with { PortalStatus = PortalStatus.Invited } : p).ToList(),
        };
    }
}
