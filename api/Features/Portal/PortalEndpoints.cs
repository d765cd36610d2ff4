using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Portal;

internal sealed class PortalEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/api/portal").WithTags("Portal").RequireAuthorization(Policies.Client);
        portal.MapGet("/me", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPortalMeQuery(), ct))
            .WithName("GetPortalMe").WithSummary("My own partner profile.");
    }
}
