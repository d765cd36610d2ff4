using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Portal;

/// <summary>A client's own profile: nothing the therapist keeps about the couple, nothing about the partner.</summary>
public sealed record PortalMeDto(Guid Id, string FirstName, string LastName, string? Pronouns, PartnerLabel Label);

public sealed record GetPortalMeQuery : IRequest<PortalMeDto>;

internal sealed class GetPortalMeHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetPortalMeQuery, PortalMeDto>
{
    public async Task<PortalMeDto> Handle(GetPortalMeQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        audit.Record("portal.me.read", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new PortalMeDto(me.Id, me.FirstName, me.LastName, me.Pronouns, me.Label);
    }
}

public static class PortalAccess
{
    /// <summary>The signed-in client's partner record and couple (with both partners).</summary>
    public static async Task<(Partner Me, Couple Couple)> PortalPartnerAsync(this ClinicDbContext db, ICurrentUser user,
        CancellationToken ct)
    {
        var partnerId = user.PartnerId ?? throw new ForbiddenException("Only a partner with a portal account can do this.");
        var couple = await db.Couples.Include(c => c.Partners)
            .SingleOrDefaultAsync(c => c.Partners.Any(p => p.Id == partnerId && p.UserId == user.Id), ct)
            ?? throw new NotFoundException("partner");
        return (couple.Partners.Single(p => p.Id == partnerId), couple);
    }
}

internal sealed class PortalProfileEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/api/portal").WithTags("Portal").RequireAuthorization(Policies.Client);
        portal.MapGet("/me", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPortalMeQuery(), ct))
            .WithName("GetPortalMe").WithSummary("My own partner profile.");
    }
}
