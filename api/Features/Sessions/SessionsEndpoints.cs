using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Sessions;

internal sealed class SessionsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var byCouple = app.MapGroup("/api/couples/{coupleId:guid}/sessions").WithTags("Sessions").RequireAuthorization(Policies.Therapist);

        byCouple.MapGet("/", (Guid coupleId, int? page, int? pageSize, string? move, int? stage, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListSessionsQuery(coupleId, page, pageSize, move, stage), ct))
            .WithName("ListSessions").WithSummary("A couple's sessions, newest first; filter by Tango move and EFT stage.");

        byCouple.MapPost("/", async (Guid coupleId, CreateSessionCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var session = await mediator.Send(command with { CoupleId = coupleId }, ct);
                return TypedResults.Created($"/api/sessions/{session.Id}", session);
            })
            .WithName("CreateSession").WithSummary("Record a session with its cycle record.");

        var sessions = app.MapGroup("/api/sessions/{id:guid}").WithTags("Sessions").RequireAuthorization(Policies.Therapist);

        sessions.MapGet("/", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetSessionQuery(id), ct))
            .WithName("GetSession").WithSummary("One session with its cycle record and amendments.");

        sessions.MapPut("/", (Guid id, UpdateSessionCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdateSession").WithSummary("Revise an unsigned session (send the version read).");

        sessions.MapPost("/sign", (Guid id, SignSessionCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("SignSession").WithSummary("Sign and lock the session.");

        sessions.MapPost("/amendments", async (Guid id, AmendSessionCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/sessions/{id}", await mediator.Send(command with { Id = id }, ct)))
            .WithName("AmendSession").WithSummary("Append an amendment to a signed session.");
    }
}
