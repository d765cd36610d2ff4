using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Admin;

internal sealed class DeliveriesEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/admin/deliveries").WithTags("Admin").RequireAuthorization(Policies.Admin);

        deliveries.MapGet("/", ([AsParameters] ListDeliveriesQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("ListDeliveries").WithSummary("The delivery log: kind, recipient, status, attempts and times — never a body.");

        deliveries.MapPost("/{id:guid}/resend", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var copy = await mediator.Send(new ResendDeliveryCommand(id), ct);
                return TypedResults.Created($"/api/admin/deliveries/{copy.Id}", copy);
            })
            .WithName("ResendDelivery").WithSummary("Send a message again, as a new message.");
    }
}
