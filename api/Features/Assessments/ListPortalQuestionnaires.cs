using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

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
        var (partner, _) = await db.PortalPartnerAsync(user, ct);
        var page = await db.QuestionnaireRequests
            // Withdrawn ones and ones a newer copy replaced (missed) are not the partner's to do any more.
            .Where(r => r.PartnerId == partner.Id && r.Status != QuestionnaireStatus.Cancelled && r.Status != QuestionnaireStatus.Missed)
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
