using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Assessments;

internal sealed class AssessmentsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/instruments").WithTags("Assessments")
            // Therapists read it to score, clients to answer; admins handle no clinical content.
            // Authenticated = a full session (not one limited to MFA enrolment); both requirements apply.
            .RequireAuthorization(Policies.Authenticated)
            .RequireAuthorization(p => p.RequireClaim(ClinicClaims.Role, Roles.Therapist, Roles.Client))
            .MapGet("/", (InstrumentCatalogue catalogue) => catalogue.All)
            .WithName("ListInstruments").WithSummary("The questionnaires shipped with Clinic, with items, scoring keys and sources.");

        var byCouple = app.MapGroup("/api/couples/{coupleId:guid}").WithTags("Assessments").RequireAuthorization(Policies.Therapist);

        byCouple.MapGet("/assessments", (Guid coupleId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAssessmentsQuery(coupleId, page, pageSize), ct))
            .WithName("ListAssessments").WithSummary("Both partners' assessments in date order, with scores, quadrant and change.");

        byCouple.MapPost("/assessments", async (Guid coupleId, RecordAssessmentCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/couples/{coupleId}/assessments", await mediator.Send(command with { CoupleId = coupleId }, ct)))
            .WithName("RecordAssessment").WithSummary("Enter a partner's answers; returns scores, quadrant and change since the last one.");

        byCouple.MapGet("/questionnaire-requests", (Guid coupleId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListQuestionnaireRequestsQuery(coupleId, page, pageSize), ct))
            .WithName("ListQuestionnaireRequests").WithSummary("Questionnaires asked of this couple's partners, newest first.");

        byCouple.MapPost("/questionnaire-requests", async (Guid coupleId, RequestQuestionnaireCommand command, IMediator mediator,
                CancellationToken ct) =>
                TypedResults.Created($"/api/couples/{coupleId}/questionnaire-requests",
                    await mediator.Send(command with { CoupleId = coupleId }, ct)))
            .WithName("RequestQuestionnaire").WithSummary("Ask one partner to complete an instrument in the portal.");

        var portal = app.MapGroup("/api/portal/questionnaires").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/", (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListPortalQuestionnairesQuery(page, pageSize), ct))
            .WithName("ListMyQuestionnaires").WithSummary("My questionnaires, pending first, with the items to answer.");

        portal.MapPost("/{id:guid}", async (Guid id, AnswerQuestionnaireCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/portal/questionnaires/{id}", await mediator.Send(command with { Id = id }, ct)))
            .WithName("AnswerQuestionnaire").WithSummary("Answer one of my questionnaires, once; every item is required.");

        portal.MapPut("/{id:guid}/draft", (Guid id, SaveQuestionnaireDraftCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("SaveQuestionnaireDraft")
            .WithSummary("Keep my answers so far on the server until I send them; replaces the previous draft.");
    }
}
