using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Safety;

internal sealed class SafetyEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var couples = app.MapGroup("/api/couples/{id:guid}").WithTags("Safety").RequireAuthorization(Policies.Therapist);

        couples.MapPost("/safety-checks", async (Guid id, RequestSafetyCheckCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var check = await mediator.Send(command with { CoupleId = id }, ct);
                return TypedResults.Created($"/api/couples/{id}/safety", check);
            })
            .WithName("RequestSafetyCheck").WithSummary("Ask one partner for a private check-in in the portal.");

        couples.MapGet("/safety", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetSafetyQuery(id), ct))
            .WithName("GetSafety").WithSummary("Check-ins with answers, flags (open first), risk records and the joint-work gate.");

        couples.MapPut("/partners/{partnerId:guid}/risk-record",
                (Guid id, Guid partnerId, UpdateRiskRecordCommand command, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(command with { CoupleId = id, PartnerId = partnerId }, ct))
            .WithName("UpdateRiskRecord").WithSummary("Save a partner's risk record (send the version read); every state is kept.");

        app.MapGroup("/api/safety-flags").WithTags("Safety").RequireAuthorization(Policies.Therapist)
            .MapPost("/{id:guid}/resolve", (Guid id, ResolveSafetyFlagCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("ResolveSafetyFlag").WithSummary("Resolve an open flag; a note is required.");

        var portal = app.MapGroup("/api/portal/check-ins").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/", ([AsParameters] ListMyCheckInsQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("ListMyCheckIns").WithSummary("My pending check-ins.");

        portal.MapPost("/{id:guid}", (Guid id, AnswerCheckInCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("AnswerCheckIn")
            .WithSummary("Answer my check-in; the answer (where to get help now) is the same whatever was said.");
    }
}
