using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Auth;

public sealed record MeDto(Guid Id, string Email, string Role, string DisplayName, bool MfaEnabled, bool MfaEnrolmentRequired);

public sealed record GetMeQuery : IRequest<MeDto>;

internal sealed class GetMeHandler(ClinicDbContext db, ICurrentUser current, SessionIssuer issuer) : IRequestHandler<GetMeQuery, MeDto>
{
    public async Task<MeDto> Handle(GetMeQuery query, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == current.Id, ct) ?? throw new NotFoundException("user");
        return new MeDto(user.Id, user.Email ?? "", user.Role, user.DisplayName, user.TwoFactorEnabled,
            issuer.MfaEnrolmentRequired(user));
    }
}
