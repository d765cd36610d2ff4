using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Signatures;

namespace Clinic.Api.Domain.Agreements;

/// <summary>What a release lets leave the record.</summary>
public enum ReleaseContent
{
    [JsonStringEnumMemberName("sessions")] Sessions,
    [JsonStringEnumMemberName("measures")] Measures,
    [JsonStringEnumMemberName("homework")] Homework,
    [JsonStringEnumMemberName("cycle_map")] CycleMap,
    /// <summary>Messages: the joint thread in a release of both partners; the partner's own private thread in a release of one.</summary>
    [JsonStringEnumMemberName("messages")] Messages,
}

public enum ReleaseStatus
{
    /// <summary>Waiting for a partner whose record it contains.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("authorised")] Authorised,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("revoked")] Revoked,
}

public sealed record ReleaseTerms(string Recipient, string Purpose, IReadOnlyList<ReleaseContent> Includes, DateOnly From, DateOnly To,
    DateOnly ExpiresOn, Guid? PartnerId);

/// <summary>
/// A release of information (DESIGN §13): to whom, why, what, for which period and until when. It needs
/// the signature of every partner whose record it contains — both, since sessions, homework and the cycle
/// map are the couple's joint record; only one when it carries that partner's own measures alone. Any
/// signer may revoke it; after expiry or revocation nothing more is exported under it.
/// </summary>
public sealed class Release
{
    public const int MaxRecipient = 200;
    public const int MaxPurpose = 2000;
    public const int MaxReason = 2000;

    private readonly List<ReleaseSignature> _signatures = [];

    private Release() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public string Recipient { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public List<ReleaseContent> Includes { get; private set; } = [];
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public DateOnly ExpiresOn { get; private set; }
    /// <summary>Set when the release carries only this partner's own measures.</summary>
    public Guid? PartnerId { get; private set; }
    public Guid? DocumentVersionId { get; private set; }
    /// <summary>The exact Markdown each signer is shown: the terms, then the practice's release wording.</summary>
    public string Text { get; private set; } = "";
    public string TextSha256 { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public Guid? RevokedByPartnerId { get; private set; }
    public string? RevokeReason { get; private set; }
    public IReadOnlyList<ReleaseSignature> Signatures => _signatures;

    public static Release Create(Couple couple, ReleaseTerms terms, DocumentVersion? wording, Guid by, DateOnly today, DateTimeOffset now)
    {
        var includes = terms.Includes.Distinct().Order().ToList();
        if (includes.Count == 0) throw DomainRuleException.Invalid("includes", "Choose what the release includes.");
        if (terms.To < terms.From) throw DomainRuleException.Invalid("to", "The period ends before it starts.");
        if (terms.ExpiresOn < today) throw DomainRuleException.Invalid("expiresOn", "The release would already have expired.");
        if (terms.PartnerId is { } partnerId)
        {
            couple.PartnerById(partnerId);
            if (includes.Any(i => i is not (ReleaseContent.Measures or ReleaseContent.Messages)))
                throw DomainRuleException.Invalid("partnerId",
                    "Only measures and a partner's own private messages belong to one partner: sessions, homework and the cycle map are the couple's joint record, so both partners sign.");
        }
        var release = new Release
        {
            Id = Guid.NewGuid(), CoupleId = couple.Id, Recipient = terms.Recipient.Trim(), Purpose = terms.Purpose.Trim(), Includes = includes,
            PeriodFrom = terms.From, PeriodTo = terms.To, ExpiresOn = terms.ExpiresOn, PartnerId = terms.PartnerId,
            DocumentVersionId = wording?.Id, CreatedAt = now, CreatedBy = by,
        };
        release.Text = release.Compose(couple, wording);
        release.TextSha256 = ElectronicSignature.Sha256(release.Text);
        return release;
    }

    /// <summary>The partners who must sign: the one the measures belong to, or both.</summary>
    public IReadOnlyList<Guid> RequiredSigners(Couple couple) =>
        PartnerId is { } one ? [one] : couple.Partners.OrderBy(p => p.Label).Select(p => p.Id).ToList();

    public bool NeedsSignatureOf(Guid partnerId, Couple couple) => RequiredSigners(couple).Contains(partnerId);

    public ReleaseStatus StatusOn(DateOnly today, Couple couple) =>
        RevokedAt is not null ? ReleaseStatus.Revoked
        : today > ExpiresOn ? ReleaseStatus.Expired
        : RequiredSigners(couple).All(id => _signatures.Any(s => s.PartnerId == id)) ? ReleaseStatus.Authorised
        : ReleaseStatus.Pending;

    public ReleaseSignature? SignatureOf(Guid partnerId) => _signatures.SingleOrDefault(s => s.PartnerId == partnerId);

    /// <summary>Idempotent as for agreements: a second signature returns the first, unchanged.</summary>
    public ReleaseSignature Sign(Partner partner, SignatureRequest request, SignerContext context, DateOnly today, DateTimeOffset now,
        Couple couple, out bool added)
    {
        if (SignatureOf(partner.Id) is { } existing)
        {
            added = false;
            return existing;
        }
        EnsureOpen(today, couple);
        var electronic = ElectronicSignature.Sign(request, new SignerName(partner.FirstName, partner.LastName), Text, context, now);
        var signature = ReleaseSignature.Create(Id, CoupleId, partner.Id, electronic);
        _signatures.Add(signature);
        added = true;
        return signature;
    }

    /// <summary>A signer withdraws the release: from now on nothing is exported under it.</summary>
    public void Revoke(Partner partner, string? reason, DateTimeOffset now)
    {
        if (RevokedAt is not null) throw DomainRuleException.Conflict("This release has already been revoked.");
        RevokedAt = now;
        RevokedByPartnerId = partner.Id;
        RevokeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    /// <summary>An export is allowed only while every required partner has signed, before expiry and unrevoked.</summary>
    public void EnsureExportable(DateOnly today, Couple couple)
    {
        switch (StatusOn(today, couple))
        {
            case ReleaseStatus.Revoked: throw DomainRuleException.Conflict("This release was revoked: nothing can be exported under it.");
            case ReleaseStatus.Expired: throw DomainRuleException.Conflict($"This release expired on {Practice.ReadableDates.Day(ExpiresOn)}: nothing can be exported under it.");
            case ReleaseStatus.Pending:
                var missing = couple.Partners.Where(p => NeedsSignatureOf(p.Id, couple) && SignatureOf(p.Id) is null).Select(p => p.FirstName);
                throw DomainRuleException.Conflict($"Waiting for {string.Join(" and ", missing)} to sign the release before anything is exported.");
        }
    }

    private void EnsureOpen(DateOnly today, Couple couple)
    {
        if (RevokedAt is not null) throw DomainRuleException.Conflict("This release was revoked.");
        if (StatusOn(today, couple) == ReleaseStatus.Expired) throw DomainRuleException.Conflict("This release has expired.");
    }

    private string Compose(Couple couple, DocumentVersion? wording)
    {
        var d = CultureInfo.InvariantCulture;
        var about = PartnerId is { } id ? couple.PartnerById(id) : null;
        var text = new StringBuilder();
        text.Append("# Release of information\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Recipient:** {Escape(Recipient)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Purpose:** {Escape(Purpose)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **What it includes:** {string.Join(", ", Includes.Select(i => i == ReleaseContent.Messages ? MessageWords(about) : Words(i)))}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Whose record:** {(about is null ? $"{couple.PartnerA.FirstName} and {couple.PartnerB.FirstName} together" : $"{about.FirstName} only")}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Period covered:** {PeriodFrom.ToString("d MMMM yyyy", d)} to {PeriodTo.ToString("d MMMM yyyy", d)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Expires on:** {ExpiresOn.ToString("d MMMM yyyy", d)}\n");
        text.Append("\nYou can revoke this release at any time in your portal. Nothing is sent after it is revoked or has expired.\n");
        if (wording is not null) text.Append("\n---\n\n").Append(wording.Body);
        return text.ToString();
    }

    /// <summary>Free text typed by the therapist goes into the Markdown as plain text: no link, emphasis or heading of its own.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.ReplaceLineEndings(" "))
        {
            if ("\\`*_{}[]()<>#+-.!|~".Contains(c)) text.Append('\\');
            text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>Which thread a release's messages are: never another partner's private thread.</summary>
    private static string MessageWords(Partner? about) => about is null
        ? "the messages of the joint thread (both partners and the therapist; never a partner's private thread)"
        : $"{about.FirstName}'s private messages with the therapist (never the joint thread or the other partner's)";

    public static string Words(ReleaseContent content) => content switch
    {
        ReleaseContent.Messages => "messages",
        ReleaseContent.Sessions => "sessions (dates, attendance, EFT stage and the cycle ratings; never private notes)",
        ReleaseContent.Measures => "questionnaire scores",
        ReleaseContent.Homework => "homework and how often it was done",
        ReleaseContent.CycleMap => "the cycle map",
        _ => content.ToString(),
    };
}

public sealed class ReleaseSignature
{
    private ReleaseSignature() { }

    public Guid Id { get; private set; }
    public Guid ReleaseId { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public string TypedName { get; private set; } = "";
    public bool AgreedToSignElectronically { get; private set; }
    public string TextSha256 { get; private set; } = "";
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    internal static ReleaseSignature Create(Guid releaseId, Guid coupleId, Guid partnerId, ElectronicSignature s) => new()
    {
        Id = Guid.NewGuid(), ReleaseId = releaseId, CoupleId = coupleId, PartnerId = partnerId, SignedAt = s.SignedAt,
        TypedName = s.TypedName, AgreedToSignElectronically = s.AgreedToSignElectronically, TextSha256 = s.TextSha256,
        ClientAddress = s.ClientAddress, UserAgent = s.UserAgent,
    };
}
