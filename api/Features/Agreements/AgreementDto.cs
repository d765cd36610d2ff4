using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Features.Agreements;

/// <summary>One partner's answer to an agreement, as the therapist sees it (signature metadata and any decline reason).</summary>
public sealed record PartnerSignatureDto(Guid PartnerId, PartnerLabel Label, string FirstName, AgreementStatus Status,
    SignatureMethod? Method, DateTimeOffset? SignedAt, string? TypedName, string? TextSha256, string? ClientAddress, string? UserAgent,
    DateOnly? PaperSignedOn, string? PaperNote, DateTimeOffset? DeclinedAt, string? DeclineReason);

/// <summary><c>Current</c>: the newest agreement of its kind for the couple (an older one was superseded by it).</summary>
public sealed record AgreementDto(Guid Id, DocumentKind Kind, string Title, int DocumentVersion, ConfidentialityPolicy? Policy,
    DateTimeOffset SentAt, DateTimeOffset? SupersededAt, bool Current, bool SignedByBoth, IReadOnlyList<PartnerSignatureDto> Partners);

/// <summary>Whether both partners have consented (the gate on recording sessions), and who has not yet.</summary>
public sealed record ConsentStatusDto(bool Complete, IReadOnlyList<Guid> MissingPartnerIds);

/// <summary>The couple's agreements, newest first, with the chosen confidentiality policy and the consent gate.</summary>
public sealed record CoupleAgreementsDto(IReadOnlyList<AgreementDto> Items, ConfidentialityPolicy? Policy, ConsentStatusDto Consent);

internal static class AgreementViews
{
    public static AgreementDto ToDto(this Agreement a, DocumentVersion version, Couple couple) => new(a.Id, a.Kind, version.Title,
        version.Number, a.Policy, a.SentAt, a.SupersededAt, !a.IsSuperseded,
        couple.Partners.All(p => a.SignatureOf(p.Id) is not null),
        couple.Partners.OrderBy(p => p.Label).Select(p => Status(a, p)).ToList());

    private static PartnerSignatureDto Status(Agreement a, Partner p)
    {
        var s = a.SignatureOf(p.Id);
        var decline = s is null ? a.LatestDeclineOf(p.Id) : null;
        return new PartnerSignatureDto(p.Id, p.Label, p.FirstName, a.StatusOf(p.Id), s?.Method, s?.SignedAt, s?.TypedName, s?.TextSha256,
            s?.ClientAddress, s?.UserAgent, s?.PaperSignedOn, s?.PaperNote, decline?.DeclinedAt, decline?.Reason);
    }
}
