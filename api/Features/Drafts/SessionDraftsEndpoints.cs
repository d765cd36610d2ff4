using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Drafts;

internal sealed class SessionDraftsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var drafts = app.MapGroup("/api/me/session-drafts").WithTags("Session drafts").RequireAuthorization(Policies.Therapist);

        drafts.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListSessionDraftsQuery(), ct))
            .WithName("ListSessionDrafts").WithSummary("My kept session notes, newest first (seven days from their last save).");

        drafts.MapPut("/", (SaveSessionDraftCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("SaveSessionDraft").WithSummary("Keep the note being typed for a session (or a new one for the couple), replacing the last.");

        drafts.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DiscardSessionDraftCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DiscardSessionDraft").WithSummary("Discard one of my kept notes.");
    }
}
