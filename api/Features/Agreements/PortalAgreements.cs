using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Signatures;
using Clinic.Api.Features.Documents;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Agreements;

/// <summary>My own signature as I see it: never the other partner's, nor anything of theirs.</summary>
public sealed record MySignatureDto(SignatureMethod Method, DateTimeOffset SignedAt, string? TypedName, string? TextSha256, DateOnly? PaperSignedOn);

public sealed record MyDeclineDto(DateTimeOffset DeclinedAt, string Reason);

public sealed record PortalAgreementSummaryDto(Guid Id, DocumentKind Kind, string Title, ConfidentialityPolicy? Policy, DateTimeOffset SentAt,
    AgreementStatus MyStatus, DateTimeOffset? SignedAt, bool Superseded);

public sealed record PortalAgreementListDto(IReadOnlyList<PortalAgreementSummaryDto> Items);

/// <summary>
/// The text to read and sign: the Markdown exactly as kept, the same rendered as HTML, and its SHA-256 (what a
/// signature records; send it back as <c>textSha256</c> to be sure the text did not change in between).
/// </summary>
public sealed record PortalAgreementDto(Guid Id, DocumentKind Kind, string Title, int DocumentVersion, ConfidentialityPolicy? Policy,
    DateTimeOffset SentAt, bool Superseded, string Body, string Html, string TextSha256, AgreementStatus MyStatus,
    MySignatureDto? MySignature, MyDeclineDto? MyDecline);

internal static class PortalAgreementViews
{
    /// <summary>The agreement of the caller's couple, with only the caller's own signature and declines loaded.</summary>
    public static async Task<Agreement> MyAgreementAsync(this ClinicDbContext db, Guid coupleId, Guid partnerId, Guid id, CancellationToken ct) =>
        await db.Agreements.AsTracking()
            .Include(a => a.Signatures.Where(s => s.PartnerId == partnerId))
            .Include(a => a.Declines.Where(d => d.PartnerId == partnerId))
            .SingleOrDefaultAsync(a => a.Id == id && a.CoupleId == coupleId, ct) ?? throw new NotFoundException("agreement"); // no id echoed: a probe learns nothing from the answer

    public static PortalAgreementDto ToPortal(this Agreement a, DocumentVersion v, Guid me)
    {
        var s = a.SignatureOf(me);
        var d = s is null ? a.LatestDeclineOf(me) : null;
        return new PortalAgreementDto(a.Id, a.Kind, v.Title, v.Number, a.Policy, a.SentAt, a.IsSuperseded, v.Body, MarkdownText.ToHtml(v.Body),
            v.BodySha256, a.StatusOf(me),
            s is null ? null : new MySignatureDto(s.Method, s.SignedAt, s.TypedName, s.TextSha256, s.PaperSignedOn),
            d is null ? null : new MyDeclineDto(d.DeclinedAt, d.Reason));
    }
}

public sealed record ListMyAgreementsQuery : IRequest<PortalAgreementListDto>;

/// <summary>My agreements: to sign first, then what I signed (superseded ones only when I signed them).</summary>
internal sealed class ListMyAgreementsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit) : IRequestHandler<ListMyAgreementsQuery, PortalAgreementListDto>
{
    public async Task<PortalAgreementListDto> Handle(ListMyAgreementsQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var rows = await db.Agreements.Where(a => a.CoupleId == couple.Id)
            .Select(a => new
            {
                a.Id, a.Kind, a.Policy, a.SentAt, a.SupersededAt,
                Title = db.DocumentVersions.Where(v => v.Id == a.DocumentVersionId).Select(v => v.Title).First(),
                SignedAt = a.Signatures.Where(s => s.PartnerId == me.Id).Select(s => (DateTimeOffset?)s.SignedAt).FirstOrDefault(),
                Declined = a.Declines.Any(d => d.PartnerId == me.Id),
            })
            .ToListAsync(ct);
        var items = rows.Where(r => r.SupersededAt == null || r.SignedAt != null)
            .Select(r => new PortalAgreementSummaryDto(r.Id, r.Kind, r.Title, r.Policy, r.SentAt,
                r.SignedAt is not null ? AgreementStatus.Signed : r.Declined ? AgreementStatus.Declined : AgreementStatus.Pending,
                r.SignedAt, r.SupersededAt is not null))
            .OrderBy(i => i.MyStatus == AgreementStatus.Signed).ThenByDescending(i => i.SentAt).ToList();
        audit.Record("portal.agreement.list", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new PortalAgreementListDto(items);
    }
}

public sealed record GetMyAgreementQuery(Guid Id) : IRequest<PortalAgreementDto>;

/// <summary>The text to sign, or what I signed (at any time); every read is audited.</summary>
internal sealed class GetMyAgreementHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit) : IRequestHandler<GetMyAgreementQuery, PortalAgreementDto>
{
    public async Task<PortalAgreementDto> Handle(GetMyAgreementQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var agreement = await db.MyAgreementAsync(couple.Id, me.Id, query.Id, ct);
        var version = await db.DocumentVersions.SingleAsync(v => v.Id == agreement.DocumentVersionId, ct);
        audit.Record("portal.agreement.read", "agreement", agreement.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return agreement.ToPortal(version, me.Id);
    }
}

public sealed record SignMyAgreementCommand(string? TypedName, bool? AgreeToSignElectronically, string? TextSha256) : IRequest<PortalAgreementDto>
{
    internal Guid Id { get; init; }
}

public sealed class SignMyAgreementValidator : AbstractValidator<SignMyAgreementCommand>
{
    public SignMyAgreementValidator()
    {
        RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.").CleanText(ElectronicSignature.MaxTypedName);
        RuleFor(c => c.AgreeToSignElectronically).Equal(true).WithMessage("Tick the box to agree to sign electronically.");
        RuleFor(c => c.TextSha256).CleanText(64);
    }
}

/// <summary>
/// Signs the agreement's text for the caller (an <see cref="ElectronicSignature"/>). Signing again answers the
/// signature already given and stores nothing new.
/// </summary>
internal sealed class SignMyAgreementHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, RequestSigner signer, TimeProvider clock)
    : IRequestHandler<SignMyAgreementCommand, PortalAgreementDto>
{
    public async Task<PortalAgreementDto> Handle(SignMyAgreementCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var agreement = await db.MyAgreementAsync(couple.Id, me.Id, command.Id, ct);
        var version = await db.DocumentVersions.SingleAsync(v => v.Id == agreement.DocumentVersionId, ct);
        if (agreement.SignatureOf(me.Id) is null) couple.EnsureOpen();
        agreement.SignElectronically(me, new SignatureRequest(command.TypedName, command.AgreeToSignElectronically, command.TextSha256),
            version.Body, signer.Context, clock.GetUtcNow(), out var added);
        audit.Record(added ? "portal.agreement.sign" : "portal.agreement.sign_again", "agreement", agreement.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return agreement.ToPortal(version, me.Id);
    }
}

public sealed record DeclineMyAgreementCommand(string? Reason) : IRequest<PortalAgreementDto>
{
    internal Guid Id { get; init; }
}

public sealed class DeclineMyAgreementValidator : AbstractValidator<DeclineMyAgreementCommand>
{
    public DeclineMyAgreementValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say in a few words why, so your therapist can talk it through with you.")
            .CleanText(AgreementDecline.MaxReason);
}

/// <summary>Declines with a reason only the therapist sees; the partner may still sign later.</summary>
internal sealed class DeclineMyAgreementHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<DeclineMyAgreementCommand, PortalAgreementDto>
{
    public async Task<PortalAgreementDto> Handle(DeclineMyAgreementCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        couple.EnsureOpen();
        var agreement = await db.MyAgreementAsync(couple.Id, me.Id, command.Id, ct);
        var version = await db.DocumentVersions.SingleAsync(v => v.Id == agreement.DocumentVersionId, ct);
        agreement.Decline(me, command.Reason!, clock.GetUtcNow());
        audit.Record("portal.agreement.decline", "agreement", agreement.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return agreement.ToPortal(version, me.Id);
    }
}
