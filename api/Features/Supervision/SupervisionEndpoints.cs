using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Csv;
using Clinic.Api.Infrastructure.Time;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Mvc;
using MediatR;

namespace Clinic.Api.Features.Supervision;

internal sealed class SupervisionEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);

        admin.MapPatch("/therapists/{id:guid}", (Guid id, Admin.UpdateTherapistCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdateTherapist").WithSummary("Grant or withdraw the supervisor capability.");

        admin.MapGet("/supervision", ([AsParameters] ListSupervisionLinksQuery query, IMediator mediator, CancellationToken ct) =>
                mediator.Send(query, ct))
            .WithName("ListSupervisionLinks").WithSummary("Supervision links, latest first (names and days only).");

        admin.MapPost("/supervision", async (CreateSupervisionLinkCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var link = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/admin/supervision/{link.Id}", link);
            })
            .WithName("CreateSupervisionLink").WithSummary("Link a supervisee to a supervisor from a day (to a day).");

        admin.MapPatch("/supervision/{id:guid}", (Guid id, UpdateSupervisionLinkCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdateSupervisionLink").WithSummary("Change or end a supervision link (send the version read).");

        var supervision = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Therapist);

        supervision.MapGet("/queue", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetSupervisionQueueQuery(), ct))
            .WithName("GetSupervisionQueue").WithSummary("Supervisees' sessions awaiting co-signature or flagged for supervision, oldest first.");

        supervision.MapGet("/couples", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListSupervisedCouplesQuery(), ct))
            .WithName("ListSupervisedCouples").WithSummary("The supervisees' couples the caller may read today (read-only).");

        supervision.MapGet("/meetings", (DateOnly? since, DateOnly? until, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListSupervisionMeetingsQuery(since, until), ct))
            .WithName("ListSupervisionMeetings").WithSummary("The caller's supervision log with totals by month and for the period (since/until inclusive).");

        supervision.MapPost("/meetings", (LogSupervisionMeetingCommand command,
                [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey, IdempotentWrites idempotent,
                IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, "POST /api/supervision/meetings", command, async token =>
                {
                    var meeting = await mediator.Send(command, token);
                    return WriteOutcome.Created($"/api/supervision/meetings/{meeting.Id}", meeting);
                }, ct))
            .Produces<SupervisionMeetingDto>(StatusCodes.Status201Created)
            .WithName("LogSupervisionMeeting").WithSummary("Log a supervision meeting (send an Idempotency-Key).");

        supervision.MapGet("/meetings/{meetingId:guid}", (Guid meetingId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetSupervisionMeetingQuery(meetingId), ct))
            .WithName("GetSupervisionMeeting").WithSummary("One meeting of the caller's supervision log.");

        supervision.MapGet("/meetings.csv", async (DateOnly? since, DateOnly? until, bool? includeNotes, IMediator mediator, HttpContext http,
                PracticeCalendar calendar, CancellationToken ct) =>
            {
                var csv = await mediator.Send(new ExportSupervisionMeetingsQuery(since, until, includeNotes ?? false), ct);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"supervision-log-{calendar.Today():yyyy-MM-dd}.csv\"";
                return Results.Text(csv, CsvText.ContentType);
            })
            .WithName("ExportSupervisionMeetingsCsv").WithSummary("The supervision log and its totals as CSV; notes only with includeNotes=true.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        var sessions = app.MapGroup("/api/sessions/{id:guid}").WithTags("Supervision").RequireAuthorization(Policies.Therapist);

        sessions.MapGet("/supervision-comments", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListSupervisionCommentsQuery(id), ct))
            .WithName("ListSupervisionComments").WithSummary("Comments between supervisor and supervisee on the session.");

        sessions.MapPost("/supervision-comments", (Guid id, AddSupervisionCommentCommand command,
                [FromHeader(Name = IdempotentWrites.HeaderName)] string? idempotencyKey, IdempotentWrites idempotent,
                IMediator mediator, CancellationToken ct) =>
                idempotent.RunAsync(idempotencyKey, $"POST /api/sessions/{id}/supervision-comments", command, async token =>
                {
                    var comment = await mediator.Send(command with { SessionId = id }, token);
                    return WriteOutcome.Created($"/api/sessions/{id}/supervision-comments", comment);
                }, ct))
            .Produces<SupervisionCommentDto>(StatusCodes.Status201Created)
            .WithName("AddSupervisionComment").WithSummary("Comment on the session, as its supervisor or its therapist (send an Idempotency-Key).");

        sessions.MapPost("/cosign", (Guid id, CosignSessionCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("CosignSession").WithSummary("Co-sign a trainee's signed session, as their supervisor (send the version read).");

        sessions.MapPost("/discuss-in-supervision", (Guid id, FlagForSupervisionCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("FlagSessionForSupervision").WithSummary("Mark the session to discuss in supervision, or clear the mark.");
    }
}
