using Clinic.Api.Data;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Documents;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Forms;

public sealed record RequestFormCommand(string? FormCode, Guid? PartnerId) : IRequest<FormRequestSummaryDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class RequestFormValidator : AbstractValidator<RequestFormCommand>
{
    public RequestFormValidator()
    {
        RuleFor(c => c.FormCode).NotEmpty().CleanText(60);
        RuleFor(c => c.PartnerId).NotNull();
    }
}

/// <summary>Asks one partner to fill in a form in the portal (its newest version); one waiting request per partner and form.</summary>
internal sealed class RequestFormHandler(ClinicDbContext db, ICurrentUser user, IntakeStarter intake) : IRequestHandler<RequestFormCommand, FormRequestSummaryDto>
{
    public async Task<FormRequestSummaryDto> Handle(RequestFormCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        var partner = couple.PartnerById(command.PartnerId);
        var (request, form) = await intake.RequestFormAsync(couple, partner, command.FormCode!.Trim(), user.Id, skipIfWaiting: false, ct)
                              ?? throw new InvalidOperationException("A form request was not made.");
        await db.SaveChangesAsync(ct);
        return FormRequestViews.Summary(request, partner, form.Title);
    }
}

public sealed record ListFormRequestsQuery(Guid CoupleId) : IRequest<FormRequestListDto>;

internal sealed class ListFormRequestsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms)
    : IRequestHandler<ListFormRequestsQuery, FormRequestListDto>
{
    public async Task<FormRequestListDto> Handle(ListFormRequestsQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var requests = await db.FormRequests.Where(r => r.CoupleId == couple.Id).OrderByDescending(r => r.RequestedAt).ToListAsync(ct);
        var items = new List<FormRequestSummaryDto>();
        foreach (var r in requests)
            items.Add(FormRequestViews.Summary(r, couple.Partners.Single(p => p.Id == r.PartnerId), (await forms.GetAsync(r.FormCode, r.FormVersion, ct)).Title));
        audit.Record("form_request.list", "couple", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new FormRequestListDto(items);
    }
}

public sealed record GetFormRequestQuery(Guid CoupleId, Guid Id) : IRequest<FormRequestDto>;

/// <summary>A partner's intake answers, for their therapist; every read is audited.</summary>
internal sealed class GetFormRequestHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms)
    : IRequestHandler<GetFormRequestQuery, FormRequestDto>
{
    public async Task<FormRequestDto> Handle(GetFormRequestQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var request = await db.FormRequests.SingleOrDefaultAsync(r => r.Id == query.Id && r.CoupleId == couple.Id, ct)
                      ?? throw new NotFoundException("form request", query.Id);
        var partner = couple.Partners.Single(p => p.Id == request.PartnerId);
        var form = await forms.GetAsync(request.FormCode, request.FormVersion, ct);
        audit.Record("form.read", "form_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new FormRequestDto(request.Id, partner.Id, partner.Label, partner.FirstName, request.Status, request.RequestedAt, request.CompletedAt,
            form.ToDto(), request.Answers);
    }
}

internal static class FormRequestViews
{
    public static FormRequestSummaryDto Summary(FormRequest r, Domain.Couples.Partner partner, string title) => new(r.Id, partner.Id,
        partner.Label, partner.FirstName, r.FormCode, r.FormVersion, title, r.Status, r.RequestedAt, r.DraftSavedAt, r.CompletedAt);
}
