using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

public sealed record RequestQuestionnaireCommand(Guid? PartnerId, string? Instrument, bool? ShareResultsWithClient)
    : IRequest<QuestionnaireRequestDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class RequestQuestionnaireValidator : AbstractValidator<RequestQuestionnaireCommand>
{
    public RequestQuestionnaireValidator()
    {
        RuleFor(c => c.PartnerId).NotNull();
        RuleFor(c => c.Instrument).NotEmpty().MaximumLength(40);
        RuleFor(c => c.ShareResultsWithClient).NotNull().WithMessage("Say whether the client may see their scores.");
    }
}

internal sealed class RequestQuestionnaireHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    InstrumentCatalogue catalogue, TimeProvider clock, PortalNews news, QuestionnaireReminders reminders)
    : IRequestHandler<RequestQuestionnaireCommand, QuestionnaireRequestDto>
{
    public async Task<QuestionnaireRequestDto> Handle(RequestQuestionnaireCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var errors = new Dictionary<string, string[]>();
        if (!couple.HasPartner(command.PartnerId)) errors["partnerId"] = [Couple.NotAPartnerMessage];
        var instrument = catalogue.Latest(command.Instrument);
        if (instrument is null) errors["instrument"] = ["Unknown instrument."];
        if (errors.Count > 0) throw new FieldValidationException(errors);
        couple.EnsureOpen();

        var partnerId = command.PartnerId!.Value;
        if (await db.QuestionnaireRequests.AnyAsync(r => r.PartnerId == partnerId && r.Instrument == instrument!.Code
                                                         && r.Status == QuestionnaireStatus.Pending, ct))
            throw new ConflictException("This partner already has this questionnaire waiting to be answered.");

        var request = QuestionnaireRequest.Ask(couple.Id, partnerId, instrument!.Code, command.ShareResultsWithClient!.Value,
            user.Id, clock.GetUtcNow());
        db.QuestionnaireRequests.Add(request);
        var partner = couple.Partners.Single(p => p.Id == partnerId);
        await news.TellAsync(partner, ct);
        reminders.Schedule(request, partner);
        audit.Record("questionnaire.request", "questionnaire_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return QuestionnaireRequestDto.From(request);
    }
}
