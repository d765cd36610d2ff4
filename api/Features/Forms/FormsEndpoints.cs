using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Forms;

internal sealed class FormsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/forms").WithTags("Forms").RequireAuthorization(Policies.Staff)
            .MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListFormsQuery(), ct))
            .WithName("ListForms").WithSummary("The intake forms a therapist can send: the newest version of each, shipped or the practice's own.");
        app.MapGroup("/api/forms").WithTags("Forms").RequireAuthorization(Policies.Staff)
            .MapGet("/{code}", (string code, IMediator mediator, CancellationToken ct) => mediator.Send(new GetFormQuery(code), ct))
            .WithName("GetForm").WithSummary("The newest version of one form, with its sections and fields.");

        app.MapGroup("/api/admin/forms").WithTags("Forms").RequireAuthorization(Policies.Admin)
            .MapPost("/", async (CreateFormCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var form = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/forms/{form.Code}", form);
            })
            .WithName("CreateForm").WithSummary("Add a practice form, or a new version of one (send basedOnVersion); checked like the shipped catalogue.");

        var couples = app.MapGroup("/api/couples/{id:guid}/form-requests").WithTags("Forms").RequireAuthorization(Policies.Therapist);
        couples.MapPost("/", async (Guid id, RequestFormCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var request = await mediator.Send(command with { CoupleId = id }, ct);
                return TypedResults.Created($"/api/couples/{id}/form-requests/{request.Id}", request);
            })
            .WithName("RequestForm").WithSummary("Ask one partner to fill in a form in the portal.");
        couples.MapGet("/", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListFormRequestsQuery(id), ct))
            .WithName("ListFormRequests").WithSummary("The couple's form requests and where each stands (no answers).");
        couples.MapGet("/{requestId:guid}", (Guid id, Guid requestId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetFormRequestQuery(id, requestId), ct))
            .WithName("GetFormRequest").WithSummary("One partner's form with their answers once sent (audited).");

        var portal = app.MapGroup("/api/portal/forms").WithTags("Portal").RequireAuthorization(Policies.Client);
        portal.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyFormsQuery(), ct))
            .WithName("ListMyForms").WithSummary("My forms: waiting first.");
        portal.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetMyFormQuery(id), ct))
            .WithName("GetMyForm").WithSummary("One of my forms with my answers so far.");
        portal.MapPut("/{id:guid}/draft", (Guid id, SaveFormDraftCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("SaveMyFormDraft").WithSummary("Keep a section's answers on the server until I send the form.");
        portal.MapPost("/{id:guid}", (Guid id, SubmitFormCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("SubmitMyForm").WithSummary("Send my form (answers left out come from my saved draft).");
    }
}
