using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.Conceptualisations;

internal sealed class ConceptualisationEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/couples/{id:guid}/conceptualisation").WithTags("Case conceptualisation")
            .RequireAuthorization(Policies.Therapist);

        group.MapGet("/", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetConceptualisationQuery(id), ct))
            .WithName("GetConceptualisation")
            .WithSummary("The couple's case conceptualisation: the saved version, or a draft from the record (version 0); with the record as it is now.");

        group.MapPut("/", (Guid id, SaveConceptualisationCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = id }, ct))
            .WithName("SaveConceptualisation").WithSummary("Save a new version (send the version read; a stale one is 409).");

        group.MapGet("/versions", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListConceptualisationVersionsQuery(id), ct))
            .WithName("ListConceptualisationVersions").WithSummary("Every saved version of the conceptualisation, newest first.");
    }
}

internal sealed class ConceptualisationsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<ConceptualisationRecordReader>();
}
