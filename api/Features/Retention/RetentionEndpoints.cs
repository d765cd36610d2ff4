using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.Retention;

internal sealed class RetentionModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<RetentionPeriod>().AddScoped<LegalHolds>();
}

internal sealed class RetentionEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/retention").WithTags("Retention").RequireAuthorization(Policies.Admin);

        admin.MapGet("/", ([AsParameters] ListRetentionQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("ListRetention")
            .WithSummary("Closed couples past their retention date (scope=due, the default) or every closed couple (scope=closed).");

        admin.MapPut("/{coupleId:guid}/hold", (Guid coupleId, SetLegalHoldCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = coupleId }, ct))
            .WithName("SetLegalHold").WithSummary("Place or release a couple's legal hold: a held record is never purged.");

        admin.MapPost("/{coupleId:guid}/purge", (Guid coupleId, PurgeCoupleCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = coupleId }, ct))
            .WithName("PurgeCouple")
            .WithSummary("Delete every row of a closed couple past its retention date and not held (confirm: its name); close its partners' portal accounts.");

        var couple = app.MapGroup("/api/couples/{coupleId:guid}/retention").WithTags("Retention").RequireAuthorization(Policies.Therapist);

        couple.MapGet("/", (Guid coupleId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetCoupleRetentionQuery(coupleId), ct))
            .WithName("GetCoupleRetention").WithSummary("How long the couple's record is kept, and its legal hold.");

        couple.MapPut("/", (Guid coupleId, UpdateCoupleRetentionCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = coupleId }, ct))
            .WithName("UpdateCoupleRetention").WithSummary("Place or release the legal hold on a couple of my caseload (the GET's body, legalHold and holdReason changed).");
    }
}
