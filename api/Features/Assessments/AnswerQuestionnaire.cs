using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Features.Portal;
using Clinic.Api.Features.Practice;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

/// <summary>
/// What the partner who answered sees next. <paramref name="CrisisResources"/> is there exactly when the answers
/// reach a risk item (PHQ-9 item 9 above 0): the portal shows it first, before anything else (issue 26).
/// </summary>
public sealed record AnsweredQuestionnaireDto(PortalQuestionnaireDto Questionnaire, CrisisResourcesDto? CrisisResources);

public sealed record AnswerQuestionnaireCommand(ItemResponses? Responses) : IRequest<AnsweredQuestionnaireDto>
{
    internal Guid Id { get; init; }
}

public sealed class AnswerQuestionnaireValidator : AbstractValidator<AnswerQuestionnaireCommand>
{
    public AnswerQuestionnaireValidator() => RuleFor(c => c.Responses).NotNull();
}

internal sealed class AnswerQuestionnaireHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    InstrumentCatalogue catalogue, TimeProvider clock, PracticeCalendar calendar) : IRequestHandler<AnswerQuestionnaireCommand, AnsweredQuestionnaireDto>
{
    public async Task<AnsweredQuestionnaireDto> Handle(AnswerQuestionnaireCommand command, CancellationToken ct)
    {
        var (partner, couple) = await db.PortalPartnerAsync(user, ct);
        // Another partner's request, in this couple or any other, is indistinguishable from none.
        var request = await db.QuestionnaireRequests.AsTracking()
                          .SingleOrDefaultAsync(r => r.Id == command.Id && r.PartnerId == partner.Id, ct)
                      ?? throw new NotFoundException("questionnaire", command.Id);
        request.EnsurePending();
        var instrument = catalogue.Latest(request.Instrument)
            ?? throw new InvalidOperationException($"Instrument {request.Instrument} is no longer in the catalogue.");
        var errors = command.Responses!.Validate(instrument, out var answers);
        if (errors.Count > 0) throw new FieldValidationException(errors);
        couple.EnsureOpen();

        var now = clock.GetUtcNow();
        var assessment = Assessment.Record(instrument, partner.CoupleId, partner.Id, calendar.DateOf(now),
            AssessmentSource.Portal, answers, user.Id, now, request.Id);
        db.Assessments.Add(assessment);
        request.Complete(assessment.Id, now);
        audit.Record("questionnaire.answer", "questionnaire_request", request.Id, partner.CoupleId);
        // The flag stays the therapist's (its reasons, that it exists): the partner is shown where to get help now,
        // which says no more than the answer they have just given.
        var raised = RiskItemFlags.RaiseIfAny(db, audit, instrument, assessment, now);
        await db.SaveChangesAsync(ct);
        return new AnsweredQuestionnaireDto(request.ToPortalDto(catalogue, request.ShareResultsWithClient ? assessment : null),
            raised ? await CrisisResources.DtoAsync(db, ct) : null);
    }
}
