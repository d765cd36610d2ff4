using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

public sealed record ListCouplesQuery(string? Search, string? Status, int? Page, int? PageSize)
    : IRequest<Paged<CoupleSummaryDto>>, IPagedRequest;

public sealed class ListCouplesValidator : AbstractValidator<ListCouplesQuery>
{
    public ListCouplesValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Search).MaximumLength(100);
        RuleFor(q => q.Status).Must(s => Data.SnakeCaseEnumConverter<CoupleStatus>.TryFromWire(s!, out _))
            .When(q => q.Status is not null).WithMessage("Use one of: intake, active, paused, closed.");
    }
}

/// <summary>Read from <see cref="ClinicReadDbContext"/> (a standby when one is configured); the audit row goes to the primary.</summary>
internal sealed class ListCouplesHandler(ClinicDbContext db, ClinicReadDbContext read, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListCouplesQuery, Paged<CoupleSummaryDto>>
{
    public async Task<Paged<CoupleSummaryDto>> Handle(ListCouplesQuery query, CancellationToken ct)
    {
        var couples = read.Couples.OwnedBy(user);
        if (query.Status is not null && Data.SnakeCaseEnumConverter<CoupleStatus>.TryFromWire(query.Status, out var status))
            couples = couples.Where(c => c.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            couples = couples.Where(c => EF.Functions.ILike(c.DisplayName, pattern)
                || c.Partners.Any(p => EF.Functions.ILike(p.FirstName + " " + p.LastName, pattern)));
        }
        var page = await couples.OrderBy(c => c.DisplayName).ThenBy(c => c.Id)
            .Select(c => new CoupleSummaryDto(c.Id, c.DisplayName, c.Status, c.StartedOn,
                read.Sessions.Count(s => s.CoupleId == c.Id),
                read.Sessions.Where(s => s.CoupleId == c.Id).Max(s => (DateOnly?)s.Date)))
            .ToPagedAsync(query, ct);
        audit.Record("couple.list", "couple", null, null);
        await db.SaveChangesAsync(ct);
        return page;
    }
}
