using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Fhir;

internal sealed class FhirEndpoints : IEndpointGroup
{
    public const string ContentType = "application/fhir+json";

    public void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/couples/{coupleId:guid}").WithTags("Assessments").RequireAuthorization(Policies.Therapist)
            .MapGet("/fhir", async (Guid coupleId, IMediator mediator, CancellationToken ct) =>
                Results.Text((await mediator.Send(new ExportCoupleFhirQuery(coupleId), ct)).Json, ContentType))
            .Produces<string>(StatusCodes.Status200OK, ContentType)
            .WithName("ExportCoupleFhir")
            .WithSummary("The couple's measures as a FHIR R4 Bundle: Questionnaires, QuestionnaireResponses and score Observations (LOINC for PHQ-9 and GAD-7).");
}
