using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Practice;

internal sealed class PracticeEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/practice").WithTags("Admin").RequireAuthorization(Policies.Admin);

        admin.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPracticeSettingsQuery(), ct))
            .WithName("GetPracticeSettings").WithSummary("The practice's settings (one versioned record).");

        admin.MapPut("/", (UpdatePracticeSettingsCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("UpdatePracticeSettings")
            .WithSummary("Change the practice's settings: send the version read; settings left out keep their value.");

        app.MapGroup("/api/portal/crisis-resources").WithTags("Portal").RequireAuthorization(Policies.Client)
            .MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetCrisisResourcesQuery(), ct))
            .WithName("GetCrisisResources").WithSummary("Where to get help now: the practice's crisis text, as Markdown and as safe HTML.");
    }
}
