using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Portal;

/// <summary>
/// The one way a portal request finds its caller: the partner record the client's account belongs to,
/// with the couple. Every portal read and write starts here, so none can reach another partner's data.
/// </summary>
public static class PortalCaller
{
    /// <summary>The signed-in client's partner record and couple (with both partners).</summary>
    public static async Task<(Partner Me, Couple Couple)> PortalPartnerAsync(this ClinicDbContext db, ICurrentUser user,
        CancellationToken ct)
    {
        var partnerId = user.PartnerId ?? throw new ForbiddenException("Only a partner with a portal account can do this.");
        var couple = await db.Couples.Include(c => c.Partners)
            .SingleOrDefaultAsync(Couple.ReachedByPortal(partnerId, user.Id), ct)
            ?? throw new NotFoundException("partner");
        return (couple.Partners.Single(p => p.Id == partnerId), couple);
    }
}
