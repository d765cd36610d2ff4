using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

public sealed record QuestionnaireRequestDto(Guid Id, Guid CoupleId, Guid PartnerId, string Instrument, DateTimeOffset RequestedAt,
    bool ShareResultsWithClient, QuestionnaireStatus Status, DateTimeOffset? CompletedAt, Guid? AssessmentId)
{
    public static QuestionnaireRequestDto From(QuestionnaireRequest r) => new(r.Id, r.CoupleId, r.PartnerId, r.Instrument,
        r.RequestedAt, r.ShareResultsWithClient, r.Status, r.CompletedAt, r.AssessmentId);
}

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
    InstrumentCatalogue catalogue, TimeProvider clock) : IRequestHandler<RequestQuestionnaireCommand, QuestionnaireRequestDto>
{
    public async Task<QuestionnaireRequestDto> Handle(RequestQuestionnaireCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var errors = new Dictionary<string, string[]>();
        if (couple.Partners.All(p => p.Id != command.PartnerId))
            errors["partnerId"] = ["This partner does not belong to this couple."];
        var instrument = catalogue.Latest(command.Instrument);
        if (instrument is null) errors["instrument"] = ["Unknown instrument."];
        if (errors.Count > 0) throw new FieldValidationException(errors);
        if (couple.IsClosed) throw new ConflictException("This couple is closed; its record is archived.");

        var partnerId = command.PartnerId!.Value;
        if (await db.QuestionnaireRequests.AnyAsync(r => r.PartnerId == partnerId && r.Instrument == instrument!.Code
                                                         && r.Status == QuestionnaireStatus.Pending, ct))
            throw new ConflictException("This partner already has this questionnaire waiting to be answered.");

        var request = QuestionnaireRequest.Ask(couple.Id, partnerId, instrument!.Code, command.ShareResultsWithClient!.Value,
            user.Id, clock.GetUtcNow());
        db.QuestionnaireRequests.Add(request);
        audit.Record("questionnaire.request", "questionnaire_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return QuestionnaireRequestDto.From(request);
    }
}

public sealed record ListQuestionnaireRequestsQuery(Guid CoupleId, int? Page, int? PageSize)
    : IRequest<Paged<QuestionnaireRequestDto>>, IPagedRequest;

public sealed class ListQuestionnaireRequestsValidator : AbstractValidator<ListQuestionnaireRequestsQuery>
{
    public ListQuestionnaireRequestsValidator() => this.AddPagingRules();
}

/// <summary>The therapist's view of what was asked of whom, pending ones included.</summary>
internal sealed class ListQuestionnaireRequestsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListQuestionnaireRequestsQuery, Paged<QuestionnaireRequestDto>>
{
    public async Task<Paged<QuestionnaireRequestDto>> Handle(ListQuestionnaireRequestsQuery query, CancellationToken ct)
    {
        if (!await db.Couples.OwnedBy(user).AnyAsync(c => c.Id == query.CoupleId, ct))
            throw new NotFoundException("couple", query.CoupleId);
        var page = await db.QuestionnaireRequests.Where(r => r.CoupleId == query.CoupleId)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).ToPagedAsync(query, ct);
        audit.Record("questionnaire.list", "questionnaire_request", null, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return new Paged<QuestionnaireRequestDto>(page.Items.Select(QuestionnaireRequestDto.From).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
