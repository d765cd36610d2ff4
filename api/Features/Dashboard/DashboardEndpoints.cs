using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Dashboard;

internal sealed class DashboardEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/caseload", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetCaseloadDashboardQuery(), ct))
            .RequireAuthorization(Policies.Therapist).ChecksSessionInItsBatch().WithTags("Dashboards")
            .WithName("GetCaseloadDashboard").WithSummary("My caseload with cycle trend, adherence and alerts, couples needing attention first.");

        app.MapGet("/api/couples/{coupleId:guid}/dashboard", (Guid coupleId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetCoupleDashboardQuery(coupleId), ct))
            .RequireAuthorization(Policies.Therapist).ChecksSessionInItsBatch().WithTags("Dashboards")
            .WithName("GetCoupleDashboard").WithSummary("The series behind the couple's cycle, attachment, homework and stage charts.");
    }
}
