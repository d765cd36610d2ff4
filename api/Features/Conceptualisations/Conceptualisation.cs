using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Conceptualisations;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Supervision;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Conceptualisations;

internal static class ConceptualisationQueries
{
    /// <summary>The couple's conceptualisation and its current version, both null before the first save.</summary>
    public static async Task<(CaseConceptualisation? Head, CaseConceptualisationVersion? Current)> CurrentConceptualisationAsync(
        this ClinicDbContext db, Guid coupleId, CancellationToken ct, bool tracking = false)
    {
        var heads = tracking ? db.CaseConceptualisations.AsTracking() : db.CaseConceptualisations;
        var head = await heads.SingleOrDefaultAsync(c => c.CoupleId == coupleId, ct);
        if (head is null || head.Version == 0) return (head, null);
        return (head, await db.CaseConceptualisationVersions.SingleAsync(v => v.CoupleId == coupleId && v.Version == head.Version, ct));
    }

    public static ConceptualisationDto ToDto(Guid coupleId, CaseConceptualisationVersion? current, ConceptualisationRecordDto? record) =>
        current is null
            ? new(coupleId, 0, true, null, null, record?.Drafted ?? ConceptualisationSections.Empty, record)
            : new(coupleId, current.Version, false, current.SavedAt, current.SavedByName, current.Sections, record);
}

public sealed record GetConceptualisationQuery(Guid CoupleId) : IRequest<ConceptualisationDto>;

/// <summary>
/// The saved version, or a draft from the record before the first save. The couple's therapist reads it, and their
/// supervisor under an active link (read-only, the read audited with the link); anyone else gets 404.
/// </summary>
internal sealed class GetConceptualisationHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    ConceptualisationRecordReader reader) : IRequestHandler<GetConceptualisationQuery, ConceptualisationDto>
{
    public async Task<ConceptualisationDto> Handle(GetConceptualisationQuery query, CancellationToken ct)
    {
        var (couple, access) = await db.ReadableCoupleAsync(user, calendar.Today(), query.CoupleId, ct);
        var (_, current) = await db.CurrentConceptualisationAsync(couple.Id, ct);
        var record = await reader.ReadAsync(couple, ct);
        audit.Record("conceptualisation.read", "conceptualisation", couple.Id, couple.Id, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return ConceptualisationQueries.ToDto(couple.Id, current, record);
    }
}

public sealed record ListConceptualisationVersionsQuery(Guid CoupleId) : IRequest<IReadOnlyList<ConceptualisationVersionDto>>;

/// <summary>Every saved version, newest first: what the conceptualisation said, and when, at each save.</summary>
internal sealed class ListConceptualisationVersionsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListConceptualisationVersionsQuery, IReadOnlyList<ConceptualisationVersionDto>>
{
    public async Task<IReadOnlyList<ConceptualisationVersionDto>> Handle(ListConceptualisationVersionsQuery query, CancellationToken ct)
    {
        var access = await db.EnsureReadableCoupleAsync(user, calendar.Today(), query.CoupleId, ct);
        var versions = await db.CaseConceptualisationVersions.Where(v => v.CoupleId == query.CoupleId).OrderByDescending(v => v.Version)
            .ToListAsync(ct);
        audit.Record("conceptualisation.history", "conceptualisation", query.CoupleId, query.CoupleId, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return versions.Select(v => new ConceptualisationVersionDto(v.Version, v.SavedAt, v.SavedByName, v.Sections)).ToList();
    }
}

/// <summary>The sections to save; a section left out or null is saved empty.</summary>
public sealed record ConceptualisationSectionsInput(string? PresentingConcerns, string? Attachment, string? Cycle, string? Progress,
    string? ChangeEvents, string? TangoMoves, string? Measures, string? Goals, string? Formulation)
{
    public ConceptualisationSections ToSections() => new(PresentingConcerns ?? "", Attachment ?? "", Cycle ?? "", Progress ?? "",
        ChangeEvents ?? "", TangoMoves ?? "", Measures ?? "", Goals ?? "", Formulation ?? "");
}

/// <summary><c>Version</c> is the version read (0 for the draft); a stale one is 409.</summary>
public sealed record SaveConceptualisationCommand(int? Version, ConceptualisationSectionsInput? Sections)
    : IRequest<ConceptualisationDto>, IAcceptsReadBody
{
    internal Guid CoupleId { get; init; }
    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class SaveConceptualisationValidator : AbstractValidator<SaveConceptualisationCommand>
{
    public SaveConceptualisationValidator()
    {
        RuleFor(c => c.Version).VersionRead(firstSave: "0 for the draft").GreaterThanOrEqualTo(0);
        RuleFor(c => c.Sections).NotNull().WithMessage("Send the conceptualisation's sections.");
        When(c => c.Sections is not null, () =>
        {
            const int max = ConceptualisationSections.MaxLength;
            var message = $"A section holds at most {max} characters.";
            RuleFor(c => c.Sections!.PresentingConcerns).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.presentingConcerns");
            RuleFor(c => c.Sections!.Attachment).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.attachment");
            RuleFor(c => c.Sections!.Cycle).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.cycle");
            RuleFor(c => c.Sections!.Progress).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.progress");
            RuleFor(c => c.Sections!.ChangeEvents).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.changeEvents");
            RuleFor(c => c.Sections!.TangoMoves).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.tangoMoves");
            RuleFor(c => c.Sections!.Measures).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.measures");
            RuleFor(c => c.Sections!.Goals).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.goals");
            RuleFor(c => c.Sections!.Formulation).MaximumLength(max).WithMessage(message).OverridePropertyName("sections.formulation");
        });
    }
}

/// <summary>The couple's therapist saves a new version (a supervisor's write is 404: the record is not theirs to change).</summary>
internal sealed class SaveConceptualisationHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    ConceptualisationRecordReader reader) : IRequestHandler<SaveConceptualisationCommand, ConceptualisationDto>
{
    public async Task<ConceptualisationDto> Handle(SaveConceptualisationCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        var now = clock.GetUtcNow();
        var (head, current) = await db.CurrentConceptualisationAsync(couple.Id, ct, tracking: true);
        // The GET's body goes back as it is: its read-only members must be as read (the record is read live, so any value is
        // accepted for it; the draft's sections are the sections sent); a stale version is 409 below.
        command.ReadOnlyMembers?.Remove("record");
        if (command.Version == (head?.Version ?? 0))
            ReadOnlyMemberCheck.Check(command, ConceptualisationQueries.ToDto(couple.Id, current, null));
        if (head is null) db.CaseConceptualisations.Add(head = CaseConceptualisation.Start(couple.Id, now));
        var author = (await db.Users.Where(u => u.Id == user.Id).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct)).Trim();
        CaseConceptualisationVersion saved;
        try
        {
            saved = head.Save(command.Version!.Value, command.Sections!.ToSections(), user.Id, author, now);
        }
        catch (StaleConceptualisationException stale)
        {
            throw new ConflictException(stale.Message, new Dictionary<string, object?> { ["currentVersion"] = stale.Current });
        }
        db.CaseConceptualisationVersions.Add(saved);
        audit.Record("conceptualisation.save", "conceptualisation", couple.Id, couple.Id, detail: $"version {saved.Version}");
        // Two saves from the same version: the row's version guards the update, the first insert's key the creation.
        await db.SaveChangesAsync(ct);
        return ConceptualisationQueries.ToDto(couple.Id, saved, await reader.ReadAsync(couple, ct));
    }
}
