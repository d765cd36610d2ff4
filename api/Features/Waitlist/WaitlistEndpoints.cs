using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Idempotency;
using Clinic.Api.Infrastructure.Startup;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Waitlist;

internal sealed class WaitlistEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var waitlist = app.MapGroup("/api/waitlist").WithTags("Waitlist").RequireAuthorization(Policies.Therapist);

        waitlist.MapGet("/", (string? status, IMediator mediator, CancellationToken ct) => mediator.Send(new ListWaitlistQuery(status), ct))
            .WithName("ListWaitlist").WithSummary("My waitlist, longest wait first: contact, preferences, urgency and any offer made.");

        waitlist.MapPost("/", (AddToWaitlistCommand command, [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey,
                IdempotentWrites idempotent, IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, "POST /api/waitlist", command, async token =>
                {
                    var entry = await mediator.Send(command, token);
                    return WriteOutcome.Created($"/api/waitlist/{entry.Id}", entry);
                }, ct))
            .Produces<WaitlistEntryDto>(StatusCodes.Status201Created)
            .WithName("AddToWaitlist").WithSummary("Put a couple on my waitlist (no clinical detail). Send an Idempotency-Key to retry safely.");

        waitlist.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetWaitlistEntryQuery(id), ct))
            .WithName("GetWaitlistEntry").WithSummary("One entry of my waitlist.");

        waitlist.MapPatch("/{id:guid}", (Guid id, UpdateWaitlistEntryCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdateWaitlistEntry").WithSummary("Change an entry (send the version read; 409 when stale), or take it off the list (status removed).");

        waitlist.MapPost("/{id:guid}/offer", (Guid id, OfferWaitlistTimeCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("OfferWaitlistTime")
            .WithSummary("Offer a first appointment: both partners get a single-use link (48 hours); a newer offer replaces the earlier one.");

        var offers = app.MapGroup("/api/waitlist/offers").WithTags("Waitlist");

        offers.MapPost("/check", (CheckWaitlistOfferCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("CheckWaitlistOffer").WithSummary("What an offer's link offers, if it still works (400 naming token when not); changes nothing.");

        offers.MapPost("/accept", (AcceptWaitlistOfferCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Link)
            .WithName("AcceptWaitlistOffer")
            .WithSummary("Accept the time offered: the couple is made in intake with the appointment booked; the link works once.");
    }
}
