using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Agreements;

internal sealed class AgreementsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var couples = app.MapGroup("/api/couples/{id:guid}").WithTags("Agreements").RequireAuthorization(Policies.Therapist);

        couples.MapGet("/agreements", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListAgreementsQuery(id), ct))
            .WithName("ListAgreements").WithSummary("The couple's agreements with each partner's status, the chosen confidentiality policy and whether consent is complete.");

        couples.MapPost("/agreements", async (Guid id, SendAgreementCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var agreement = await mediator.Send(command with { CoupleId = id }, ct);
                return TypedResults.Created($"/api/couples/{id}/agreements", agreement);
            })
            .WithName("SendAgreement").WithSummary("Send the current version of a practice document to both partners' portals (policy for the confidentiality policy).");

        couples.MapPost("/agreements/{agreementId:guid}/paper",
                (Guid id, Guid agreementId, RecordPaperSignatureCommand command, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(command with { CoupleId = id, AgreementId = agreementId }, ct))
            .WithName("RecordPaperSignature").WithSummary("Record a signature a partner gave on paper (audited).");

        couples.MapPost("/agreements/{agreementId:guid}/remind", (Guid id, Guid agreementId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RemindAgreementCommand(id, agreementId), ct))
            .WithName("RemindAgreement").WithSummary("Send the neutral portal notice again to each partner who has not signed.");

        couples.MapPost("/intake", (Guid id, StartIntakeCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CoupleId = id }, ct))
            .WithName("StartIntake").WithSummary("Start intake: consent and the confidentiality policy to both partners, the intake form to each, and the safety check-in; nothing is sent twice.");

        var portal = app.MapGroup("/api/portal/agreements").WithTags("Portal").RequireAuthorization(Policies.Client);

        portal.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMyAgreementsQuery(), ct))
            .WithName("ListMyAgreements").WithSummary("My agreements: to sign first, then what I signed.");

        portal.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetMyAgreementQuery(id), ct))
            .WithName("GetMyAgreement").WithSummary("The text to sign (or that I signed) with its SHA-256, and my own signature.");

        portal.MapPost("/{id:guid}/sign", (Guid id, SignMyAgreementCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("SignMyAgreement").WithSummary("Sign: my full name typed and agreeToSignElectronically: true. Signing again changes nothing.");

        portal.MapPost("/{id:guid}/decline", (Guid id, DeclineMyAgreementCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("DeclineMyAgreement").WithSummary("Decline, with a reason only my therapist sees.");
    }
}
