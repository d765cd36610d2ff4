using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Couples;

internal sealed class CouplesEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var couples = app.MapGroup("/api/couples").WithTags("Couples").RequireAuthorization(Policies.Therapist);

        couples.MapGet("/", ([AsParameters] ListCouplesQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .ChecksSessionInItsBatch().WithName("ListCouples").WithSummary("My caseload, searchable by name and filterable by status.");

        couples.MapPost("/", async (CreateCoupleCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var couple = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/couples/{couple.Id}", couple);
            })
            .WithName("CreateCouple").WithSummary("Open a couple with its two partners.");

        couples.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetCoupleQuery(id), ct))
            .WithName("GetCouple").WithSummary("One couple on my caseload.");

        couples.MapPatch("/{id:guid}", (Guid id, UpdateCoupleCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdateCouple").WithSummary("Change status, goals or presenting concerns; closing archives the couple.");

        couples.MapPatch("/{id:guid}/partners/{partnerId:guid}",
                (Guid id, Guid partnerId, CorrectPartnerCommand command, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(command with { CoupleId = id, PartnerId = partnerId }, ct))
            .WithName("CorrectPartner").WithSummary("Correct a partner's names, pronouns or email (send the partner's version read).");

        couples.MapPost("/{id:guid}/partners/{partnerId:guid}/invitation", async (Guid id, Guid partnerId, IMediator mediator, CancellationToken ct) =>
            {
                var invitation = await mediator.Send(new InvitePartnerCommand(id, partnerId), ct);
                return TypedResults.Created((string?)null, invitation);
            })
            .WithName("InvitePartner").WithSummary("A single-use portal invitation for one partner, valid 72 hours.");
    }
}
