using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

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
        await db.EnsureOwnedCoupleAsync(user, query.CoupleId, ct);
        var page = await db.QuestionnaireRequests.Where(r => r.CoupleId == query.CoupleId)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).ToPagedAsync(query, ct);
        audit.Record("questionnaire.list", "questionnaire_request", null, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return new Paged<QuestionnaireRequestDto>(page.Items.Select(QuestionnaireRequestDto.From).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
