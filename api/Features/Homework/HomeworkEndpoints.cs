using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.OpenApi;
using Clinic.Api.Infrastructure.Idempotency;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Homework;

internal sealed class HomeworkEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        // The catalogue is read by both sides of the work: therapists to assign, clients to fill in.
        app.MapGet("/api/exercises", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListExercisesQuery(), ct))
            .WithTags("Homework")
            // A full session (Authenticated) held by a therapist or a client; admins handle no clinical content.
            .RequireAuthorization(Policies.Authenticated)
            .RequireAuthorization(p => p.RequireClaim(ClinicClaims.Role, Roles.Therapist, Roles.Client))
            .WithMetadata(new ListOfOneOf(typeof(ExerciseDto), typeof(ClientExerciseDto)))
            .WithName("ListExercises").WithSummary("The homework exercises; the rationale is for therapists only.");

        var byCouple = app.MapGroup("/api/couples/{coupleId:guid}/homework").WithTags("Homework").RequireAuthorization(Policies.Therapist);

        byCouple.MapGet("/", (Guid coupleId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListHomeworkQuery(coupleId, page, pageSize), ct))
            .WithName("ListHomework").WithSummary("A couple's homework, active first, with adherence per partner.");

        byCouple.MapPost("/", async (Guid coupleId, AssignHomeworkCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var assignment = await mediator.Send(command with { CoupleId = coupleId }, ct);
                return TypedResults.Created($"/api/homework/{assignment.Id}", assignment);
            })
            .WithName("AssignHomework").WithSummary("Set an exercise for one partner or both.");

        var homework = app.MapGroup("/api/homework/{id:guid}").WithTags("Homework").RequireAuthorization(Policies.Therapist);

        homework.MapPatch("/", (Guid id, UpdateHomeworkCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdateHomework").WithSummary("Complete or cancel homework, or change its note (send the version read).");

        homework.MapGet("/entries", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListHomeworkEntriesQuery(id), ct))
            .WithName("ListHomeworkEntries").WithSummary("Every entry, private, shared and withdrawn, with pairs and perception gaps.");

        var portal = app.MapGroup("/api/portal").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/homework", (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListPortalHomeworkQuery(page, pageSize), ct))
            .WithName("ListMyHomework").WithSummary("Homework for me or for both of us, active first, with this week's progress.");

        portal.MapPost("/homework/{id:guid}/entries", (Guid id, LogEntryCommand command,
                [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey, IdempotentWrites idempotent,
                IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, $"POST /api/portal/homework/{id}/entries", command, async token =>
                {
                    var entry = await mediator.Send(command with { AssignmentId = id }, token);
                    return WriteOutcome.Created($"/api/portal/entries/{entry.Id}", entry);
                }, ct))
            .Produces<PortalEntryDto>(StatusCodes.Status201Created)
            .WithName("LogHomeworkEntry").WithSummary("Log an entry; send an Idempotency-Key so a retry stores it once.");

        portal.MapGet("/homework/{id:guid}/entries", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListPortalEntriesQuery(id), ct))
            .WithName("ListMyHomeworkEntries").WithSummary("My entries and the ones my partner shared.");

        portal.MapPatch("/entries/{id:guid}", (Guid id, ReviseEntryCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("ReviseHomeworkEntry").WithSummary("Change my entry within 24 hours of logging it.");

        portal.MapDelete("/entries/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new WithdrawEntryCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("WithdrawHomeworkEntry").WithSummary("Withdraw my entry within 24 hours; the record keeps it.");
    }
}
