using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Idempotency;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Booking;

internal sealed class BookingEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var availability = app.MapGroup("/api/me/availability").WithTags("Booking").RequireAuthorization(Policies.Therapist);

        availability.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetMyAvailabilityQuery(), ct))
            .WithName("GetMyAvailability").WithSummary("My working hours, exceptions, time off and booking rules, in the practice's zone.");

        availability.MapPut("/", (UpdateMyAvailabilityCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("UpdateMyAvailability").WithSummary("Set my working hours and booking rules (send the version read; null on the first save).");

        var therapist = app.MapGroup("/api/booking/requests").WithTags("Booking").RequireAuthorization(Policies.Therapist);

        therapist.MapGet("/", (string? status, IMediator mediator, CancellationToken ct) => mediator.Send(new ListBookingRequestsQuery(status), ct))
            .WithName("ListBookingRequests").WithSummary("Booking requests of my caseload: waiting for my approval or for a partner.");

        therapist.MapPost("/{id:guid}/approve", (Guid id, ApproveBookingRequestCommand? command, IMediator mediator, CancellationToken ct) =>
                mediator.Send((command ?? new ApproveBookingRequestCommand(null, null)) with { Id = id }, ct))
            .WithName("ApproveBookingRequest")
            .WithSummary("Book a time both partners agreed to; 409 on overlap or the safety gate unless confirmed.");

        therapist.MapPost("/{id:guid}/decline", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DeclineBookingRequestCommand(id), ct))
            .WithName("DeclineBookingRequest").WithSummary("Decline a booking request; the partners see it in their portal.");

        var portal = app.MapGroup("/api/portal/booking").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/slots", ([AsParameters] ListBookingSlotsQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("ListBookingSlots").WithSummary("Free times for both of us or for me, in the practice's zone.");

        portal.MapPost("/requests", (AskForTimeCommand command, [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey,
                IdempotentWrites idempotent, IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, "POST /api/portal/booking/requests", command, async token =>
                {
                    var request = await mediator.Send(command, token);
                    return WriteOutcome.Created($"/api/portal/booking/requests/{request.Id}", request);
                }, ct))
            .Produces<PortalBookingRequestDto>(StatusCodes.Status201Created)
            .WithName("AskForTime").WithSummary("Ask for one of the free times; a joint one waits for my partner. Send an Idempotency-Key to retry safely.");

        portal.MapGet("/requests", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyBookingRequestsQuery(), ct))
            .WithName("ListMyBookingRequests").WithSummary("My booking requests and those waiting for my answer.");

        portal.MapPost("/requests/{id:guid}/confirm", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AnswerBookingRequestCommand(id, Agree: true), ct))
            .WithName("ConfirmBookingRequest").WithSummary("Agree to a time my partner asked for.");

        portal.MapPost("/requests/{id:guid}/decline", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AnswerBookingRequestCommand(id, Agree: false), ct))
            .WithName("DeclineMyBookingRequest").WithSummary("Say no to a time my partner asked for, or take back my own request.");

        var appointments = app.MapGroup("/api/portal/appointments").WithTags("Portal").RequireAuthorization(Policies.Client);

        appointments.MapPost("/{id:guid}/cancel", (Guid id, CancelMyAppointmentCommand? command, IMediator mediator, CancellationToken ct) =>
                mediator.Send((command ?? new CancelMyAppointmentCommand(null)) with { Id = id }, ct))
            .WithName("CancelMyAppointment")
            .WithSummary("Cancel an appointment I attend; inside the cancellation window 409 (lateCancellation) until acceptLate is sent.");

        appointments.MapPost("/{id:guid}/move", async (Guid id, MoveMyAppointmentCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var request = await mediator.Send(command with { Id = id }, ct);
                return TypedResults.Created($"/api/portal/booking/requests/{request.Id}", request);
            })
            .WithName("MoveMyAppointment").WithSummary("Ask to move an appointment I attend to another free time, before the cancellation window.");
    }
}
