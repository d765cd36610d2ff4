using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

internal sealed class PartnerAccountFactory(ClinicDbContext db) : IPartnerAccountFactory
{
    public async Task<User> CreateClientAsync(Guid partnerId, DateTimeOffset now, CancellationToken ct)
    {
        var partner = await db.Partners.AsTracking().SingleAsync(p => p.Id == partnerId, ct);
        if (partner.UserId is not null) throw new FieldValidationException("token", "This invitation has already been used. Sign in instead.");
        var user = User.Create(Roles.Client, partner.Email, partner.FirstName, partner.LastName, now, partner.Id);
        partner.LinkAccount(user.Id);
        return user;
    }
}
