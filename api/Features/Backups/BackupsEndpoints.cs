using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.Backups;

internal sealed class BackupsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<BackupOptions>(configuration.GetSection("Clinic:Backup"));
}

internal sealed class BackupsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/admin/backups").WithTags("Backups").RequireAuthorization(Policies.Admin)
            .MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetBackupStatusQuery(), ct))
            .WithName("GetBackupStatus")
            .WithSummary("The backups in the pgBackRest repository, the WAL archive's lag, and whether both are healthy.");
}
