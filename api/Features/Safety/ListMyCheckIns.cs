using Clinic.Api.Data;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Safety;

/// <summary>A check-in question as the client sees it: never the safest answer or the flag wording.</summary>
public sealed record PortalCheckInItemDto(string Name, string Label, FieldType Type, bool Required,
    IReadOnlyList<ChoiceOption>? Options, int? MaxLength, string? Hint);

public sealed record PortalCheckInDto(Guid Id, string Title, string Introduction, DateTimeOffset RequestedAt,
    IReadOnlyList<PortalCheckInItemDto> Items);

public sealed record ListMyCheckInsQuery(int? Page, int? PageSize) : IRequest<Paged<PortalCheckInDto>>, IPagedRequest;

public sealed class ListMyCheckInsValidator : AbstractValidator<ListMyCheckInsQuery>
{
    public ListMyCheckInsValidator() => this.AddPagingRules();
}

/// <summary>
/// Only the caller's own pending check-ins. Nothing here may depend on the other partner's
/// check-ins or flags (DESIGN §4a): the query filters by the caller's partner id alone.
/// </summary>
internal sealed class ListMyCheckInsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, SafetyCatalogue catalogue)
    : IRequestHandler<ListMyCheckInsQuery, Paged<PortalCheckInDto>>
{
    public async Task<Paged<PortalCheckInDto>> Handle(ListMyCheckInsQuery query, CancellationToken ct)
    {
        var (me, _) = await db.PortalPartnerAsync(user, ct);
        var partnerId = me.Id;
        var page = await db.SafetyChecks.Where(c => c.PartnerId == partnerId && c.Status == SafetyCheckStatus.Pending)
            .OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.RequestedAt, c.CoupleId })
            .ToPagedAsync(query, ct);

        var definition = catalogue.Definition;
        var items = definition.Items.Select(i => new PortalCheckInItemDto(i.Name, i.Label, i.Type, i.Required, i.Options,
            i.MaxLength, i.Hint)).ToList();
        foreach (var check in page.Items) audit.Record("safety.read", "safety_check", check.Id, check.CoupleId);
        await db.SaveChangesAsync(ct);
        return new Paged<PortalCheckInDto>(
            page.Items.Select(c => new PortalCheckInDto(c.Id, definition.Title, definition.Introduction, c.RequestedAt, items)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
