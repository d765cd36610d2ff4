using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.MyData;

/// <summary>Registers every <see cref="IMyDataSection"/> in the assembly: a feature adds a section by adding a class.</summary>
internal sealed class MyDataModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var type in typeof(MyDataModule).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMyDataSection).IsAssignableFrom(t)))
            services.AddScoped(typeof(IMyDataSection), type);
    }
}

internal sealed class MyDataEndpoints : IEndpointGroup
{
    public const string ContentType = "application/zip";

    public void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/portal/my-data").WithTags("Portal").RequireAuthorization(Policies.Client)
            .MapGet("/", async (IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new ExportMyDataQuery(), ct);
                return Results.File(file.Zip, ContentType, file.FileName);
            })
            .RequireRateLimiting(RateLimitPolicies.MyData)
            .Produces<byte[]>(StatusCodes.Status200OK, ContentType)
            .WithName("ExportMyData")
            .WithSummary("A copy of everything I entered in the portal or was shown there: a ZIP with my-data.json and a readable my-data.html.");
}
