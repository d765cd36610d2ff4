using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Documents;

internal sealed class DocumentsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/documents").WithTags("Documents").RequireAuthorization(Policies.Admin);

        admin.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListDocumentsQuery(), ct))
            .WithName("ListDocuments").WithSummary("The practice's documents (consent, confidentiality policy, telehealth consent, release), each with its current version.");

        admin.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetDocumentQuery(id), ct))
            .WithName("GetDocument").WithSummary("One document with its current version and the list of its versions.");

        admin.MapPost("/", async (CreateDocumentCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var document = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/admin/documents/{document.Id}", document);
            })
            .WithName("CreateDocument").WithSummary("Create the practice's document of a kind, publishing its first version (Markdown).");

        admin.MapPost("/{id:guid}/versions", async (Guid id, PublishDocumentVersionCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var document = await mediator.Send(command with { Id = id }, ct);
                return TypedResults.Created($"/api/admin/documents/{document.Id}", document);
            })
            .WithName("PublishDocumentVersion").WithSummary("Publish a new version (send basedOnVersion = the current version you read; an older one is 409).");
    }
}
