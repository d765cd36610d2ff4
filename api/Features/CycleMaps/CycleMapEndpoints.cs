using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.CycleMaps;

internal sealed class CycleMapEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var map = app.MapGroup("/api/couples/{id:guid}/cycle-map").WithTags("Cycle map").RequireAuthorization(Policies.Therapist);

        map.MapGet("/", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetCycleMapQuery(id), ct))
            .WithName("GetCycleMap").WithSummary("The couple's current cycle map (version 0 before the first save).");

        map.MapPut("/", (Guid id, SaveCycleMapCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = id }, ct))
            .WithName("SaveCycleMap").WithSummary("Save a new version of the map (send the version read; a stale one is 409).");

        map.MapGet("/versions", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListCycleMapVersionsQuery(id), ct))
            .WithName("ListCycleMapVersions").WithSummary("Every saved version of the map, newest first.");

        map.MapPost("/share", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ShareCycleMapCommand(id), ct))
            .WithName("ShareCycleMap").WithSummary("Let both partners see the latest saved map in the portal.");

        map.MapPost("/unshare", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new UnshareCycleMapCommand(id), ct))
            .WithName("UnshareCycleMap").WithSummary("Stop showing the map in the portal.");

        app.MapGroup("/api/portal/cycle-map").WithTags("Portal").RequireAuthorization(Policies.Client)
            .MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPortalCycleMapQuery(), ct))
            .WithName("GetPortalCycleMap").WithSummary("Our cycle map, when the therapist has shared it (404 otherwise).");
    }
}
