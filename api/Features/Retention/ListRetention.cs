using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Retention;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Retention;

/// <summary>
/// The admin's retention list: <c>due</c> (default) = closed couples whose retention period has ended,
/// held ones included and marked; <c>closed</c> = every closed couple with its date, to place a hold early.
/// </summary>
public sealed record ListRetentionQuery(string? Scope, int? Page, int? PageSize) : IRequest<Paged<RetentionCoupleDto>>, IPagedRequest;

public sealed class ListRetentionValidator : AbstractValidator<ListRetentionQuery>
{
    public ListRetentionValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Scope).Must(s => s is null or "due" or "closed").WithMessage("Use one of: due, closed.");
    }
}

internal sealed class ListRetentionHandler(ClinicDbContext db, RetentionPeriod period, PracticeCalendar calendar, AuditTrail audit)
    : IRequestHandler<ListRetentionQuery, Paged<RetentionCoupleDto>>
{
    public async Task<Paged<RetentionCoupleDto>> Handle(ListRetentionQuery query, CancellationToken ct)
    {
        var years = await period.YearsAsync(ct);
        var today = calendar.Today();
        var closedBy = RetentionRules.ClosedOnOrBefore(today, years);
        var couples = db.Couples.Where(c => c.Status == CoupleStatus.Closed);
        if ((query.Scope ?? "due") == "due") couples = couples.Where(c => c.ClosedOn <= closedBy);
        var page = await couples.OrderBy(c => c.ClosedOn).ThenBy(c => c.Id)
            .Select(c => new
            {
                Couple = c,
                Therapist = db.Users.Where(u => u.Id == c.TherapistId).Select(u => u.FirstName + " " + u.LastName).First(),
                Retention = db.CoupleRetention.FirstOrDefault(r => r.CoupleId == c.Id),
            })
            .ToPagedAsync(query, ct);
        audit.Record("retention.list", "couple", null, null);
        await db.SaveChangesAsync(ct);
        return new Paged<RetentionCoupleDto>(
            page.Items.Select(r => RetentionViews.Dto(r.Couple, r.Therapist, r.Retention, years, today)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
