using System.Text.Json.Serialization;
using Clinic.Api.Domain.Signatures;

namespace Clinic.Api.Domain.Agreements;

public enum DocumentKind
{
    [JsonStringEnumMemberName("consent")] Consent,
    [JsonStringEnumMemberName("confidentiality_policy")] ConfidentialityPolicy,
    [JsonStringEnumMemberName("telehealth_consent")] TelehealthConsent,
    [JsonStringEnumMemberName("release")] Release,
}

/// <summary>The couple's policy on what one partner tells the therapist alone (DESIGN §13).</summary>
public enum ConfidentialityPolicy
{
    /// <summary>What one partner tells the therapist alone may be brought into joint sessions.</summary>
    [JsonStringEnumMemberName("no_secrets")] NoSecrets,
    /// <summary>The therapist may hold some things for a while and encourages the partner to disclose.</summary>
    [JsonStringEnumMemberName("limited_secrets")] LimitedSecrets,
    /// <summary>What one partner says alone stays private.</summary>
    [JsonStringEnumMemberName("individual_confidentiality")] IndividualConfidentiality,
}

/// <summary>
/// A practice's document of one kind (one per kind): its title and its published versions. A published
/// version never changes; a change is a new version, and the newest one is what is sent from then on.
/// </summary>
public sealed class PracticeDocument
{
    public const int MaxTitle = 200;
    /// <summary>About 40 printed pages: far above any consent form, low enough that a paste accident is refused.</summary>
    public const int MaxBody = 100_000;

    private readonly List<DocumentVersion> _versions = [];

    private PracticeDocument() { }

    public Guid Id { get; private set; }
    public DocumentKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public int CurrentVersion { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public IReadOnlyList<DocumentVersion> Versions => _versions;

    public static PracticeDocument Create(DocumentKind kind, string title, string body, Guid? by, DateTimeOffset now)
    {
        var document = new PracticeDocument { Id = Guid.NewGuid(), Kind = kind, CreatedAt = now, CreatedBy = by };
        document.Publish(0, title, body, by, now);
        return document;
    }

    /// <summary>A new version on top of <paramref name="basedOn"/>, the version the author read; an older one is a 409.</summary>
    public DocumentVersion Publish(int basedOn, string title, string body, Guid? by, DateTimeOffset now)
    {
        if (basedOn != CurrentVersion)
            throw DomainRuleException.Conflict(
                $"Version {CurrentVersion} of this document was published since you read version {basedOn}. Reload it and make your change again.");
        var version = DocumentVersion.Create(Id, CurrentVersion + 1, title.Trim(), body, by, now);
        _versions.Add(version);
        CurrentVersion = version.Number;
        Title = version.Title;
        return version;
    }
}

/// <summary>One published text of a document, kept as it was: what partners read and sign.</summary>
public sealed class DocumentVersion
{
    private DocumentVersion() { }

    public Guid Id { get; private set; }
    public Guid DocumentId { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>Markdown, exactly as the partner is shown it (rendered without raw HTML).</summary>
    public string Body { get; private set; } = "";
    public string BodySha256 { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    public Guid? PublishedBy { get; private set; }

    internal static DocumentVersion Create(Guid documentId, int number, string title, string body, Guid? by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), DocumentId = documentId, Number = number, Title = title, Body = body,
        BodySha256 = ElectronicSignature.Sha256(body), PublishedAt = now, PublishedBy = by,
    };
}
