using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Features.Releases;

public sealed record ReleaseSignerDto(Guid PartnerId, PartnerLabel Label, string FirstName, bool Signed, DateTimeOffset? SignedAt,
    string? TypedName, string? TextSha256, string? ClientAddress, string? UserAgent);

/// <summary>A release as the therapist sees it, with who has signed (only the partners it needs).</summary>
public sealed record ReleaseDto(Guid Id, string Recipient, string Purpose, IReadOnlyList<ReleaseContent> Includes, DateOnly From, DateOnly To,
    DateOnly ExpiresOn, Guid? PartnerId, ReleaseStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokeReason,
    IReadOnlyList<ReleaseSignerDto> Signers);

public sealed record ReleaseListDto(IReadOnlyList<ReleaseDto> Items);

public sealed record PortalReleaseSummaryDto(Guid Id, string Recipient, IReadOnlyList<ReleaseContent> Includes, DateOnly ExpiresOn,
    ReleaseStatus Status, bool SignedByMe, DateTimeOffset? MySignedAt);

public sealed record PortalReleaseListDto(IReadOnlyList<PortalReleaseSummaryDto> Items);

/// <summary>The release as a signer reads it: the exact text, rendered, with its SHA-256, and my own signature only.</summary>
public sealed record PortalReleaseDto(Guid Id, string Recipient, string Purpose, IReadOnlyList<ReleaseContent> Includes, DateOnly From,
    DateOnly To, DateOnly ExpiresOn, ReleaseStatus Status, string Text, string Html, string TextSha256, DateTimeOffset? MySignedAt,
    string? MyTypedName, DateTimeOffset? RevokedAt, bool RevokedByMe);

internal static class ReleaseViews
{
    public static ReleaseDto ToDto(this Release r, Couple couple, DateOnly today) => new(r.Id, r.Recipient, r.Purpose, r.Includes, r.PeriodFrom,
        r.PeriodTo, r.ExpiresOn, r.PartnerId, r.StatusOn(today, couple), r.CreatedAt, r.RevokedAt, r.RevokeReason,
        couple.Partners.OrderBy(p => p.Label).Where(p => r.NeedsSignatureOf(p.Id, couple)).Select(p =>
        {
            var s = r.SignatureOf(p.Id);
            return new ReleaseSignerDto(p.Id, p.Label, p.FirstName, s is not null, s?.SignedAt, s?.TypedName, s?.TextSha256, s?.ClientAddress, s?.UserAgent);
        }).ToList());

    public static PortalReleaseDto ToPortal(this Release r, Couple couple, Guid me, DateOnly today)
    {
        var s = r.SignatureOf(me);
        return new PortalReleaseDto(r.Id, r.Recipient, r.Purpose, r.Includes, r.PeriodFrom, r.PeriodTo, r.ExpiresOn, r.StatusOn(today, couple),
            r.Text, Documents.MarkdownText.ToHtml(r.Text), r.TextSha256, s?.SignedAt, s?.TypedName, r.RevokedAt, r.RevokedByPartnerId == me);
    }
}
