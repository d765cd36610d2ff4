using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.TreatmentPlans;

internal sealed class TreatmentPlanEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/couples/{id:guid}/treatment-plan").WithTags("Treatment plan").RequireAuthorization(Policies.Therapist);

        plan.MapGet("/", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetTreatmentPlanQuery(id), ct))
            .WithName("GetTreatmentPlan").WithSummary("The couple's current treatment plan, each goal with its progress measured from the record (version 0 before the first save).");

        plan.MapPut("/", (Guid id, SaveTreatmentPlanCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = id }, ct))
            .WithName("SaveTreatmentPlan").WithSummary("Save a new version of the plan (send the version read; a stale one is 409).");

        plan.MapGet("/versions", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListTreatmentPlanVersionsQuery(id), ct))
            .WithName("ListTreatmentPlanVersions").WithSummary("Every saved version of the plan, newest first.");

        plan.MapGet("/reviews", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListTreatmentPlanReviewsQuery(id), ct))
            .WithName("ListTreatmentPlanReviews").WithSummary("The plan's reviews with their dates, newest first.");

        plan.MapPost("/reviews", async (Guid id, ReviewTreatmentPlanCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var review = await mediator.Send(command with { CoupleId = id }, ct);
                return TypedResults.Created($"/api/couples/{id}/treatment-plan/reviews", review);
            })
            .WithName("ReviewTreatmentPlan").WithSummary("Record a review of the current plan; the next falls due reviewEvery weeks from today.");

        var couples = app.MapGroup("/api/couples/{id:guid}").WithTags("Treatment plan").RequireAuthorization(Policies.Therapist);
        couples.MapPost("/close", (Guid id, CloseCoupleCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = id }, ct))
            .WithName("CloseCouple").WithSummary("Close the case with a reason and a signed closing summary (confirmSafety while a safety item is open).");
        couples.MapGet("/closing-summary/draft", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetClosingSummaryDraftQuery(id), ct))
            .WithName("GetClosingSummaryDraft").WithSummary("A closing summary drafted from the record, with the facts it was written from.");
        couples.MapGet("/closing-summary", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetClosingSummaryQuery(id), ct))
            .WithName("GetClosingSummary").WithSummary("The signed closing summary of a closed couple (404 before closing).");

        var portal = app.MapGroup("/api/portal/treatment-plan").WithTags("Portal").RequireAuthorization(Policies.Client);
        portal.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPortalTreatmentPlanQuery(), ct))
            .WithName("GetPortalTreatmentPlan").WithSummary("Our treatment plan: the couple's goals and my own, with progress from my own answers (404 before the first save).");
        portal.MapPost("/agreement", (AgreeToTreatmentPlanCommand command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("AgreeToTreatmentPlan").WithSummary("Agree to the version read, signed with my typed name (409 when the plan changed since).");
    }
}

internal sealed class TreatmentPlansModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<GoalEvidenceReader>().AddScoped<PortalTreatmentPlanReader>();
}
