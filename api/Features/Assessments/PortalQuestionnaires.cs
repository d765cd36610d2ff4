using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

public sealed record PortalItemDto(string Id, int Number, string Text);

/// <summary>What the portal needs to render the questionnaire; no scoring keys.</summary>
public sealed record PortalFormDto(string Code, int Version, string Title, string Instructions, ResponseScale Scale,
    IReadOnlyList<PortalItemDto> Items);

public sealed record PortalResultsDto(ScoresDto Scores, AttachmentQuadrant? Quadrant, string? QuadrantNote);

public sealed record PortalQuestionnaireDto(Guid Id, string Instrument, QuestionnaireStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt, bool ResultsShared, PortalFormDto Form, PortalResultsDto? Results);

public sealed record ListPortalQuestionnairesQuery(int? Page, int? PageSize) : IRequest<Paged<PortalQuestionnaireDto>>, IPagedRequest;

public sealed class ListPortalQuestionnairesValidator : AbstractValidator<ListPortalQuestionnairesQuery>
{
    public ListPortalQuestionnairesValidator() => this.AddPagingRules();
}

/// <summary>The caller's own requests only; the partner's and the therapist's assessments never appear.</summary>
internal sealed class ListPortalQuestionnairesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, InstrumentCatalogue catalogue)
    : IRequestHandler<ListPortalQuestionnairesQuery, Paged<PortalQuestionnaireDto>>
{
    public async Task<Paged<PortalQuestionnaireDto>> Handle(ListPortalQuestionnairesQuery query, CancellationToken ct)
    {
        var partner = await db.CallerPartnerAsync(user, ct);
        var page = await db.QuestionnaireRequests
            .Where(r => r.PartnerId == partner.Id && r.Status != QuestionnaireStatus.Cancelled)
            .OrderBy(r => r.Status == QuestionnaireStatus.Pending ? 0 : 1).ThenByDescending(r => r.RequestedAt).ThenBy(r => r.Id)
            .ToPagedAsync(query, ct);
        var requests = page.Items;
        var sharedIds = requests.Where(r => r.ShareResultsWithClient && r.AssessmentId is not null).Select(r => r.AssessmentId!.Value).ToList();
        var shared = await db.Assessments.Where(a => sharedIds.Contains(a.Id) && a.PartnerId == partner.Id).ToDictionaryAsync(a => a.Id, ct);
        audit.Record("questionnaire.list", "questionnaire_request", null, partner.CoupleId);
        await db.SaveChangesAsync(ct);
        return new Paged<PortalQuestionnaireDto>(
            requests.Select(r => r.ToPortalDto(catalogue, r.AssessmentId is { } id ? shared.GetValueOrDefault(id) : null)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}

public sealed record AnswerQuestionnaireCommand(ItemResponses? Responses) : IRequest<PortalQuestionnaireDto>
{
    internal Guid Id { get; init; }
}

public sealed class AnswerQuestionnaireValidator : AbstractValidator<AnswerQuestionnaireCommand>
{
    public AnswerQuestionnaireValidator() => RuleFor(c => c.Responses).NotNull();
}

internal sealed class AnswerQuestionnaireHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    InstrumentCatalogue catalogue, TimeProvider clock, PracticeCalendar calendar) : IRequestHandler<AnswerQuestionnaireCommand, PortalQuestionnaireDto>
{
    public async Task<PortalQuestionnaireDto> Handle(AnswerQuestionnaireCommand command, CancellationToken ct)
    {
        var partner = await db.CallerPartnerAsync(user, ct);
        // Another partner's request, in this couple or any other, is indistinguishable from none.
        var request = await db.QuestionnaireRequests.AsTracking()
                          .SingleOrDefaultAsync(r => r.Id == command.Id && r.PartnerId == partner.Id, ct)
                      ?? throw new NotFoundException("questionnaire", command.Id);
        if (request.Status == QuestionnaireStatus.Completed) throw new ConflictException("You have already answered this questionnaire.");
        if (!request.IsPending) throw new ConflictException("This questionnaire was withdrawn by your therapist.");
        var instrument = catalogue.Latest(request.Instrument)
            ?? throw new InvalidOperationException($"Instrument {request.Instrument} is no longer in the catalogue.");
        var errors = command.Responses!.Validate(instrument, out var answers);
        if (errors.Count > 0) throw new FieldValidationException(errors);
        var couple = await db.Couples.SingleAsync(c => c.Id == partner.CoupleId, ct);
        if (couple.IsClosed) throw new ConflictException("This questionnaire is no longer open.");

        var now = clock.GetUtcNow();
        var assessment = Assessment.Record(instrument, partner.CoupleId, partner.Id, calendar.DateOf(now),
            AssessmentSource.Portal, answers, user.Id, now, request.Id);
        db.Assessments.Add(assessment);
        request.Complete(assessment.Id, now);
        audit.Record("questionnaire.answer", "questionnaire_request", request.Id, partner.CoupleId);
        await db.SaveChangesAsync(ct);
        return request.ToPortalDto(catalogue, request.ShareResultsWithClient ? assessment : null);
    }
}

internal static class PortalViews
{
    public static async Task<Partner> CallerPartnerAsync(this ClinicDbContext db, ICurrentUser user, CancellationToken ct) =>
        await db.Partners.SingleOrDefaultAsync(p => p.Id == user.PartnerId && p.UserId == user.Id, ct)
        ?? throw new ForbiddenException("Only a partner with a portal account can do this.");

    public static PortalQuestionnaireDto ToPortalDto(this QuestionnaireRequest request, InstrumentCatalogue catalogue, Assessment? assessment)
    {
        var form = assessment is not null
            ? catalogue.Find(assessment.InstrumentCode, assessment.InstrumentVersion)
            : catalogue.Latest(request.Instrument);
        if (form is null) throw new InvalidOperationException($"Instrument {request.Instrument} is no longer in the catalogue.");
        // Scores reach the client only when the therapist chose to share them when asking.
        var results = request.ShareResultsWithClient && request.Status == QuestionnaireStatus.Completed && assessment is not null
            ? new PortalResultsDto(new ScoresDto(assessment.Avoidance, assessment.Anxiety), assessment.Quadrant, form.Quadrant?.Note)
            : null;
        return new PortalQuestionnaireDto(request.Id, request.Instrument, request.Status, request.RequestedAt, request.CompletedAt,
            request.ShareResultsWithClient,
            new PortalFormDto(form.Code, form.Version, form.Title, form.Instructions, form.Scale,
                form.Items.OrderBy(i => i.Number).Select(i => new PortalItemDto(i.Id, i.Number, i.Text)).ToList()),
            results);
    }
}
