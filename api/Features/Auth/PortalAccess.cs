using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

/// <summary>
/// A client's portal is shut once their couple is closed: sign-in and refresh are refused (closing
/// also ends their open sessions), and everything they wrote stays, archived with the couple.
/// </summary>
public sealed class PortalAccess(ClinicDbContext db)
{
    public Task<bool> IsClosedForAsync(User user, CancellationToken ct) =>
        user.Role == Roles.Client && user.PartnerId is { } partnerId
            ? db.Couples.AnyAsync(c => c.Status == CoupleStatus.Closed && c.Partners.Any(p => p.Id == partnerId), ct)
            : Task.FromResult(false);
}
