using System.Text.Json.Serialization;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Signatures;

namespace Clinic.Api.Domain.Agreements;

public enum SignatureMethod
{
    [JsonStringEnumMemberName("electronic")] Electronic,
    [JsonStringEnumMemberName("paper")] Paper,
}

public enum AgreementStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("signed")] Signed,
    [JsonStringEnumMemberName("declined")] Declined,
}

/// <summary>
/// A document version sent to a couple for both partners to sign (DESIGN §13). The version is fixed
/// when it is sent: a later version of the document is sent as a new agreement, which supersedes this
/// one. Each partner signs once (electronically or on paper, recorded by the therapist), or declines
/// with a reason and may still sign later. Nothing here is changed or deleted once written.
/// </summary>
public sealed class Agreement
{
    private readonly List<AgreementSignature> _signatures = [];
    private readonly List<AgreementDecline> _declines = [];

    private Agreement() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid DocumentVersionId { get; private set; }
    public DocumentKind Kind { get; private set; }
    public ConfidentialityPolicy? Policy { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public Guid? SentBy { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }
    public IReadOnlyList<AgreementSignature> Signatures => _signatures;
    public IReadOnlyList<AgreementDecline> Declines => _declines;

    public static Agreement Send(Guid coupleId, DocumentVersion version, DocumentKind kind, ConfidentialityPolicy? policy, Guid? by,
        DateTimeOffset now)
    {
        if (kind == DocumentKind.Release)
            throw DomainRuleException.Invalid("documentKind", "A release is made for its recipient: create it under releases.");
        if (kind == DocumentKind.ConfidentialityPolicy && policy is null)
            throw DomainRuleException.Invalid("policy", "Choose the couple's policy: no_secrets, limited_secrets or individual_confidentiality.");
        if (kind != DocumentKind.ConfidentialityPolicy && policy is not null)
            throw DomainRuleException.Invalid("policy", "A policy is chosen only for the confidentiality policy.");
        return new Agreement
        {
            Id = Guid.NewGuid(), CoupleId = coupleId, DocumentVersionId = version.Id, Kind = kind, Policy = policy,
            SentAt = now, SentBy = by,
        };
    }

    public bool IsSuperseded => SupersededAt is not null;

    public void Supersede(DateTimeOffset now) => SupersededAt ??= now;

    public AgreementSignature? SignatureOf(Guid partnerId) => _signatures.SingleOrDefault(s => s.PartnerId == partnerId);

    public AgreementStatus StatusOf(Guid partnerId) =>
        SignatureOf(partnerId) is not null ? AgreementStatus.Signed
        : _declines.Any(d => d.PartnerId == partnerId) ? AgreementStatus.Declined
        : AgreementStatus.Pending;

    public AgreementDecline? LatestDeclineOf(Guid partnerId) =>
        _declines.Where(d => d.PartnerId == partnerId).MaxBy(d => d.DeclinedAt);

    /// <summary>
    /// The partner's electronic signature. Signing again is idempotent: the signature already given is
    /// returned unchanged (and <paramref name="added"/> is false), whatever was typed the second time.
    /// </summary>
    public AgreementSignature SignElectronically(Partner partner, SignatureRequest request, string shownText, SignerContext context,
        DateTimeOffset now, out bool added)
    {
        if (SignatureOf(partner.Id) is { } existing)
        {
            added = false;
            return existing;
        }
        EnsureCurrent();
        var electronic = ElectronicSignature.Sign(request, new SignerName(partner.FirstName, partner.LastName), shownText, context, now);
        var signature = AgreementSignature.Electronic(Id, CoupleId, partner.Id, electronic);
        _signatures.Add(signature);
        added = true;
        return signature;
    }

    /// <summary>A signature given on paper, recorded by the therapist; a partner who already signed is a 409.</summary>
    public AgreementSignature RecordPaper(Partner partner, DateOnly signedOn, string? note, Guid recordedBy, DateTimeOffset now)
    {
        if (SignatureOf(partner.Id) is not null) throw DomainRuleException.Conflict($"{partner.FirstName} has already signed this.");
        EnsureCurrent();
        var signature = AgreementSignature.Paper(Id, CoupleId, partner.Id, signedOn, note, recordedBy, now);
        _signatures.Add(signature);
        return signature;
    }

    public AgreementDecline Decline(Partner partner, string reason, DateTimeOffset now)
    {
        if (SignatureOf(partner.Id) is not null) throw DomainRuleException.Conflict("You have already signed this.");
        EnsureCurrent();
        var decline = AgreementDecline.Create(Id, CoupleId, partner.Id, reason.Trim(), now);
        _declines.Add(decline);
        return decline;
    }

    private void EnsureCurrent()
    {
        if (IsSuperseded) throw DomainRuleException.Conflict("A newer version of this was sent since: sign that one instead.");
    }
}

/// <summary>One partner's signature on an agreement: electronic (the <see cref="ElectronicSignature"/> values) or on paper.</summary>
public sealed class AgreementSignature
{
    public const int MaxNote = 2000;

    private AgreementSignature() { }

    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public SignatureMethod Method { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public string? TypedName { get; private set; }
    public bool? AgreedToSignElectronically { get; private set; }
    public string? TextSha256 { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public DateOnly? PaperSignedOn { get; private set; }
    public string? PaperNote { get; private set; }
    public Guid? RecordedBy { get; private set; }

    internal static AgreementSignature Electronic(Guid agreementId, Guid coupleId, Guid partnerId, ElectronicSignature s) => new()
    {
        Id = Guid.NewGuid(), AgreementId = agreementId, CoupleId = coupleId, PartnerId = partnerId, Method = SignatureMethod.Electronic,
        SignedAt = s.SignedAt, TypedName = s.TypedName, AgreedToSignElectronically = s.AgreedToSignElectronically,
        TextSha256 = s.TextSha256, ClientAddress = s.ClientAddress, UserAgent = s.UserAgent,
    };

    internal static AgreementSignature Paper(Guid agreementId, Guid coupleId, Guid partnerId, DateOnly signedOn, string? note,
        Guid recordedBy, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), AgreementId = agreementId, CoupleId = coupleId, PartnerId = partnerId, Method = SignatureMethod.Paper,
        SignedAt = now, PaperSignedOn = signedOn, PaperNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecordedBy = recordedBy,
    };
}

/// <summary>A partner said no, with their reason: seen by the therapist only.</summary>
public sealed class AgreementDecline
{
    public const int MaxReason = 2000;

    private AgreementDecline() { }

    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset DeclinedAt { get; private set; }

    internal static AgreementDecline Create(Guid agreementId, Guid coupleId, Guid partnerId, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), AgreementId = agreementId, CoupleId = coupleId, PartnerId = partnerId, Reason = reason, DeclinedAt = now,
    };
}
