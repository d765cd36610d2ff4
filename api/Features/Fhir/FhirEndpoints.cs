using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Fhir;

internal sealed class FhirEndpoints : IEndpointGroup
{
    public const string ContentType = "application/fhir+json";

    public const string NdjsonContentType = "application/fhir+ndjson";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/couples/{coupleId:guid}").WithTags("Assessments").RequireAuthorization(Policies.Therapist)
            .MapGet("/fhir", async (Guid coupleId, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var bundle = await mediator.Send(new ExportCoupleFhirQuery(coupleId), ct);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{bundle.FileName}\"";
                return Results.Text(bundle.Json, ContentType);
            })
            .Produces<string>(StatusCodes.Status200OK, ContentType)
            .WithName("ExportCoupleFhir")
            .WithSummary("The couple's measures as a FHIR R4 Bundle: Questionnaires, QuestionnaireResponses and score Observations (LOINC for PHQ-9 and GAD-7).");

        app.MapGroup("/api/admin/export").WithTags("Admin").RequireAuthorization(Policies.Admin)
            .MapGet("/", async (PracticeExport export, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            {
                await export.StartAsync(ct);
                http.Response.ContentType = NdjsonContentType;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"clinic-export-{clock.GetUtcNow():yyyy-MM-dd}.ndjson\"";
                await foreach (var line in export.LinesAsync(ct))
                {
                    await http.Response.WriteAsync(line, ct);
                    await http.Response.WriteAsync("\n", ct);
                }
            })
            .Produces<string>(StatusCodes.Status200OK, NdjsonContentType)
            .WithName("ExportPractice")
            .WithSummary("Every couple as a FHIR R4 Bundle, one a line (NDJSON): the couple, its partners and therapist, sessions with the cycle, measures and homework.");
    }
}
