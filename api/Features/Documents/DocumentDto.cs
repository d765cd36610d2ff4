using Clinic.Api.Domain.Agreements;

namespace Clinic.Api.Features.Documents;

/// <summary>A published version: its Markdown, the same text rendered safely as HTML, and the SHA-256 a signature records.</summary>
public sealed record DocumentVersionDto(Guid Id, int Number, string Title, string Body, string Html, string BodySha256,
    DateTimeOffset PublishedAt);

/// <summary>A version as a list shows it, without its text.</summary>
public sealed record DocumentVersionSummaryDto(Guid Id, int Number, string Title, DateTimeOffset PublishedAt);

/// <summary><c>CurrentVersion</c> is what a new version sends back as <c>basedOnVersion</c>.</summary>
public sealed record DocumentDto(Guid Id, DocumentKind Kind, string Title, int CurrentVersion, DateTimeOffset CreatedAt,
    DocumentVersionDto Current, IReadOnlyList<DocumentVersionSummaryDto> Versions);

public sealed record DocumentListDto(IReadOnlyList<DocumentDto> Items);

internal static class DocumentViews
{
    public static DocumentVersionDto ToDto(this DocumentVersion v) =>
        new(v.Id, v.Number, v.Title, v.Body, MarkdownText.ToHtml(v.Body), v.BodySha256, v.PublishedAt);

    public static DocumentDto ToDto(this PracticeDocument d) => new(d.Id, d.Kind, d.Title, d.CurrentVersion, d.CreatedAt,
        d.Versions.Single(v => v.Number == d.CurrentVersion).ToDto(),
        d.Versions.OrderByDescending(v => v.Number).Select(v => new DocumentVersionSummaryDto(v.Id, v.Number, v.Title, v.PublishedAt)).ToList());
}
