using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Admin;

internal sealed class AdminEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);

        admin.MapGet("/therapists", ([AsParameters] ListTherapistsQuery query, IMediator mediator, CancellationToken ct) =>
                mediator.Send(query, ct))
            .WithName("ListTherapists").WithSummary("Therapist accounts of the practice.");

        admin.MapPost("/therapists", async (CreateTherapistCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/admin/therapists/{created.Id}", created);
            })
            .WithName("CreateTherapist").WithSummary("Create a therapist account and its single-use invitation.");

        admin.MapPost("/therapists/{id:guid}/deactivate", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeactivateTherapistCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeactivateTherapist").WithSummary("Deactivate a therapist and end their sessions.");

        admin.MapGet("/audit", ([AsParameters] ListAuditEventsQuery query, IMediator mediator, CancellationToken ct) =>
                mediator.Send(query, ct))
            .WithName("ListAuditEvents").WithSummary("The audit trail, newest first, with people's and couples' names; token refreshes only with includeRefreshes=true.");

        admin.MapGet("/audit/people", (string? search, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new FindAuditPeopleQuery(search), ct))
            .WithName("FindAuditPeople").WithSummary("People by name, for the audit log's person filter (at most 20).");

        admin.MapGet("/audit/couples", (string? search, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new FindAuditCouplesQuery(search), ct))
            .WithName("FindAuditCouples").WithSummary("Couples by display name, for the audit log's couple filter (at most 20).");

        admin.MapGet("/audit/actions", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListAuditActionsQuery(), ct))
            .WithName("ListAuditActions").WithSummary("Every action the audit trail holds, for the action filter.");

        admin.MapGet("/audit.csv", ([AsParameters] ListAuditEventsQuery query, Data.ClinicDbContext db, AuditTrail audit,
                FluentValidation.IValidator<ListAuditEventsQuery> validator, HttpContext http, CancellationToken ct) =>
                AuditCsv.ExportAsync(query, db, audit, validator, http, ct))
            .WithName("ExportAuditEvents").WithSummary("The filtered audit trail as CSV, oldest first (page and pageSize ignored).");

        admin.MapPost("/therapists/{id:guid}/mfa/reset", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ResetTherapistMfaCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("ResetTherapistMfa").WithSummary("Turn a therapist's MFA off and end their sessions (lost device).");

        admin.MapPost("/users/{id:guid}/sessions/revoke", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RevokeUserSessionsCommand(id), ct))
            .WithName("RevokeUserSessions").WithSummary("End every open session of a user at once.");
    }
}
