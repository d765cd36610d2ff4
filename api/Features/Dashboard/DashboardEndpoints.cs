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

        app.MapGet("/api/couples/{coupleId:guid}/caseload-row", (Guid coupleId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetCaseloadRowQuery(coupleId), ct))
            .RequireAuthorization(Policies.Therapist).ChecksSessionInItsBatch().WithTags("Dashboards")
            .WithName("GetCaseloadRow").WithSummary("The couple's caseload row (status, next session, adherence, alerts) for its overview.");

        app.MapGet("/api/couples/{coupleId:guid}/dashboard", (Guid coupleId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetCoupleDashboardQuery(coupleId), ct))
            .RequireAuthorization(Policies.Therapist).ChecksSessionInItsBatch().WithTags("Dashboards")
            .WithName("GetCoupleDashboard").WithSummary("The series behind the couple's cycle, attachment, homework and stage charts.");

        app.MapGet("/api/couples/{coupleId:guid}/report", (Guid coupleId, bool? includeNotes, Guid[]? threads, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetCoupleReportQuery(coupleId, includeNotes ?? false, threads), ct))
            .RequireAuthorization(Policies.Therapist).WithTags("Dashboards")
            .WithName("GetCoupleReport").WithSummary("The progress report (dashboard tables and signed sessions) for the print view; notes only when asked, message threads only those named in threads.");

        app.MapGet("/api/couples/{coupleId:guid}/report.csv", async (Guid coupleId, bool? includeNotes, Guid[]? threads, IMediator mediator,
                HttpContext http, CancellationToken ct) =>
            {
                var report = await mediator.Send(new GetCoupleReportQuery(coupleId, includeNotes ?? false, threads), ct);
                http.Response.Headers.ContentDisposition =
                    $"attachment; filename=\"progress-report-{Domain.Couples.Couple.InitialsOf(report.Dashboard.DisplayName)}-{report.Dashboard.Today:yyyy-MM-dd}.csv\"";
                return Results.Text(CoupleReportCsv.Render(report), Infrastructure.Csv.CsvText.ContentType);
            })
            .RequireAuthorization(Policies.Therapist).WithTags("Dashboards")
            .WithName("ExportCoupleReportCsv").WithSummary("The progress report as CSV; private notes only with includeNotes=true, message threads only those named in threads.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }
}
