using Clinic.Api.Features.Fhir;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Releases;

internal sealed class ReleasesEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var couples = app.MapGroup("/api/couples/{id:guid}/releases").WithTags("Releases").RequireAuthorization(Policies.Therapist);

        couples.MapPost("/", async (Guid id, CreateReleaseCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var release = await mediator.Send(command with { CoupleId = id }, ct);
                return TypedResults.Created($"/api/couples/{id}/releases", release);
            })
            .WithName("CreateRelease").WithSummary("Draft a release of information and send it to each partner whose record it contains for their signature.");

        couples.MapGet("/", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListReleasesQuery(id), ct))
            .WithName("ListReleases").WithSummary("The couple's releases with who has signed.");

        couples.MapGet("/{releaseId:guid}/export", async (Guid id, Guid releaseId, string? format, IMediator mediator, CancellationToken ct) =>
            {
                var kind = format switch
                {
                    null or "" or "report" => ReleaseExportFormat.Report,
                    "fhir" => ReleaseExportFormat.Fhir,
                    _ => throw new Infrastructure.Errors.FieldValidationException("format", "Use report or fhir."),
                };
                var export = await mediator.Send(new ExportReleaseQuery(id, releaseId, kind), ct);
                return export.FhirJson is { } fhir ? Results.Text(fhir, FhirEndpoints.ContentType) : Results.Json(export.Report);
            })
            .Produces<ReleaseExportDto>()
            .Produces<string>(StatusCodes.Status200OK, FhirEndpoints.ContentType)
            .WithName("ExportRelease").WithSummary("The progress report (format=report) or FHIR Bundle (format=fhir) limited to what the release includes; 409 until every partner it needs has signed, and after expiry or revocation.");

        var portal = app.MapGroup("/api/portal/releases").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyReleasesQuery(), ct))
            .WithName("ListMyReleases").WithSummary("Releases that need my signature, and those I signed.");
        portal.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetMyReleaseQuery(id), ct))
            .WithName("GetMyRelease").WithSummary("A release's exact text with its SHA-256, and my own signature.");
        portal.MapPost("/{id:guid}/sign", (Guid id, SignMyReleaseCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("SignMyRelease").WithSummary("Authorise the release: my full name typed and agreeToSignElectronically: true.");
        portal.MapPost("/{id:guid}/revoke", (Guid id, RevokeMyReleaseCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("RevokeMyRelease").WithSummary("Revoke the release: nothing more is exported under it.");
    }
}
