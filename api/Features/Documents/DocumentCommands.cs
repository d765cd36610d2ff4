using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Documents;

public sealed record ListDocumentsQuery : IRequest<DocumentListDto>;

internal sealed class ListDocumentsHandler(ClinicDbContext db, AuditTrail audit) : IRequestHandler<ListDocumentsQuery, DocumentListDto>
{
    public async Task<DocumentListDto> Handle(ListDocumentsQuery query, CancellationToken ct)
    {
        var documents = await db.Documents.Include(d => d.Versions).ToListAsync(ct);
        audit.Record("document.list", "document", null, null);
        await db.SaveChangesAsync(ct);
        return new DocumentListDto(documents.OrderBy(d => d.Kind).Select(d => d.ToDto()).ToList());
    }
}

public sealed record GetDocumentQuery(Guid Id) : IRequest<DocumentDto>;

internal sealed class GetDocumentHandler(ClinicDbContext db) : IRequestHandler<GetDocumentQuery, DocumentDto>
{
    public async Task<DocumentDto> Handle(GetDocumentQuery query, CancellationToken ct) =>
        (await db.Documents.Include(d => d.Versions).SingleOrDefaultAsync(d => d.Id == query.Id, ct)
         ?? throw new NotFoundException("document", query.Id)).ToDto();
}

public sealed record CreateDocumentCommand(DocumentKind? Kind, string? Title, string? Body) : IRequest<DocumentDto>;

public sealed class CreateDocumentValidator : AbstractValidator<CreateDocumentCommand>
{
    public CreateDocumentValidator()
    {
        RuleFor(c => c.Kind).NotNull();
        RuleFor(c => c.Title).NotEmpty().CleanText(PracticeDocument.MaxTitle);
        RuleFor(c => c.Body).NotEmpty().CleanText(PracticeDocument.MaxBody);
    }
}

/// <summary>A practice has one document of each kind; its first version is published with it.</summary>
internal sealed class CreateDocumentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<CreateDocumentCommand, DocumentDto>
{
    public async Task<DocumentDto> Handle(CreateDocumentCommand command, CancellationToken ct)
    {
        var kind = command.Kind!.Value;
        if (await db.Documents.AnyAsync(d => d.Kind == kind, ct))
            throw new ConflictException("The practice already has this document: publish a new version of it instead.");
        var document = PracticeDocument.Create(kind, command.Title!, command.Body!, user.Id, clock.GetUtcNow());
        db.Documents.Add(document);
        audit.Record("document.create", "document", document.Id, null, detail: $"{Words(kind)} v1");
        await db.SaveChangesAsync(ct);
        return document.ToDto();
    }

    internal static string Words(DocumentKind kind) => Data.SnakeCaseEnumConverter<DocumentKind>.ToWire(kind);
}

public sealed record PublishDocumentVersionCommand(int? BasedOnVersion, string? Title, string? Body) : IRequest<DocumentDto>
{
    internal Guid Id { get; init; }
}

public sealed class PublishDocumentVersionValidator : AbstractValidator<PublishDocumentVersionCommand>
{
    public PublishDocumentVersionValidator()
    {
        RuleFor(c => c.BasedOnVersion).NotNull().WithMessage("Send the version you read (currentVersion), so a stale change can be detected.");
        RuleFor(c => c.Title).NotEmpty().CleanText(PracticeDocument.MaxTitle);
        RuleFor(c => c.Body).NotEmpty().CleanText(PracticeDocument.MaxBody);
    }
}

/// <summary>A change to a document is a new version; the published ones stay as they were, and agreements keep theirs.</summary>
internal sealed class PublishDocumentVersionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<PublishDocumentVersionCommand, DocumentDto>
{
    public async Task<DocumentDto> Handle(PublishDocumentVersionCommand command, CancellationToken ct)
    {
        var document = await db.Documents.AsTracking().Include(d => d.Versions).SingleOrDefaultAsync(d => d.Id == command.Id, ct)
                       ?? throw new NotFoundException("document", command.Id);
        var version = document.Publish(command.BasedOnVersion!.Value, command.Title!, command.Body!, user.Id, clock.GetUtcNow());
        db.Entry(document).Property(d => d.CurrentVersion).OriginalValue = command.BasedOnVersion.Value;
        audit.Record("document.publish", "document", document.Id, null,
            detail: $"{CreateDocumentHandler.Words(document.Kind)} v{version.Number}");
        await db.SaveChangesAsync(ct);
        return document.ToDto();
    }
}
