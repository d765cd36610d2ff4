using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

public sealed record ListAssessmentsQuery(Guid CoupleId, int? Page, int? PageSize) : IRequest<Paged<AssessmentDto>>, IPagedRequest;

public sealed class ListAssessmentsValidator : AbstractValidator<ListAssessmentsQuery>
{
    public ListAssessmentsValidator() => this.AddPagingRules();
}

/// <summary>
/// Both partners' assessments in date order. Change needs each partner's whole history, and a
/// couple has a handful of assessments, so the list is built in memory and then paged.
/// </summary>
internal sealed class ListAssessmentsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, InstrumentCatalogue catalogue)
    : IRequestHandler<ListAssessmentsQuery, Paged<AssessmentDto>>
{
    public async Task<Paged<AssessmentDto>> Handle(ListAssessmentsQuery query, CancellationToken ct)
    {
        await db.EnsureOwnedCoupleAsync(user, query.CoupleId, ct);
        var all = await db.Assessments.Where(a => a.CoupleId == query.CoupleId).ToListAsync(ct);
        var ordered = all.OrderBy(a => a.AdministeredOn).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        var (page, size) = (query.PageOf(), query.SizeOf());
        var items = ordered.Skip((page - 1) * size).Take(size).Select(a => a.ToDto(catalogue, all)).ToList();
        audit.Record("assessment.list", "assessment", null, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return new Paged<AssessmentDto>(items, page, size, ordered.Count);
    }
}
