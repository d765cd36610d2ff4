using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Idempotency;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Schedules;

internal sealed class SchedulesEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/couples/{coupleId:guid}/measure-schedules").WithTags("Assessments")
            .RequireAuthorization(Policies.Therapist);

        schedules.MapGet("/", (Guid coupleId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMeasureSchedulesQuery(coupleId), ct))
            .WithName("ListMeasureSchedules").WithSummary("The couple's questionnaire schedules, running first, with the requests each made.");

        schedules.MapPost("/", (Guid coupleId, CreateMeasureScheduleCommand command,
                [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey, IdempotentWrites idempotent,
                IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, $"POST /api/couples/{coupleId}/measure-schedules", command, async token =>
                {
                    var schedule = await mediator.Send(command with { CoupleId = coupleId }, token);
                    return WriteOutcome.Created($"/api/couples/{coupleId}/measure-schedules/{schedule.Id}", schedule);
                }, ct))
            .Produces<MeasureScheduleDto>(StatusCodes.Status201Created)
            .WithName("CreateMeasureSchedule")
            .WithSummary("Ask a partner for an instrument every N weeks (1–12) from a date, until a date or for a count; send an Idempotency-Key to retry safely.");

        schedules.MapDelete("/{scheduleId:guid}", (Guid coupleId, Guid scheduleId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new StopMeasureScheduleCommand(coupleId, scheduleId), ct))
            .WithName("StopMeasureSchedule").WithSummary("Stop a schedule: no more requests; it and its requests are kept.");
    }
}
