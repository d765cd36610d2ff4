using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Documents;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Agreements;

internal static class AgreementQueries
{
    /// <summary>The couple's agreements with their signatures and declines, newest first.</summary>
    public static async Task<CoupleAgreementsDto> ReadAsync(ClinicDbContext db, Couple couple, CancellationToken ct)
    {
        var agreements = await db.Agreements.Include(a => a.Signatures).Include(a => a.Declines)
            .Where(a => a.CoupleId == couple.Id).OrderByDescending(a => a.SentAt).ToListAsync(ct);
        var versionIds = agreements.Select(a => a.DocumentVersionId).Distinct().ToList();
        var versions = await db.DocumentVersions.Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var missing = await ConsentGate.MissingConsentAsync(db, couple, ct);
        return new CoupleAgreementsDto(agreements.Select(a => a.ToDto(versions[a.DocumentVersionId], couple)).ToList(),
            CurrentPolicy(agreements), new ConsentStatusDto(missing.Count == 0, missing.Select(p => p.Id).ToList()));
    }

    /// <summary>The couple's chosen policy: that of the confidentiality policy agreement sent last.</summary>
    public static ConfidentialityPolicy? CurrentPolicy(IEnumerable<Agreement> agreements) => agreements
        .Where(a => a.Kind == DocumentKind.ConfidentialityPolicy && !a.IsSuperseded).MaxBy(a => a.SentAt)?.Policy;

    public static Task<ConfidentialityPolicy?> CurrentPolicyAsync(ClinicDbContext db, Guid coupleId, CancellationToken ct) =>
        db.Agreements.Where(a => a.CoupleId == coupleId && a.Kind == DocumentKind.ConfidentialityPolicy && a.SupersededAt == null)
            .OrderByDescending(a => a.SentAt).Select(a => a.Policy).FirstOrDefaultAsync(ct);

    public static async Task<Agreement> OwnedAgreementAsync(this ClinicDbContext db, Couple couple, Guid id, CancellationToken ct) =>
        await db.Agreements.AsTracking().Include(a => a.Signatures).Include(a => a.Declines)
            .SingleOrDefaultAsync(a => a.Id == id && a.CoupleId == couple.Id, ct) ?? throw new NotFoundException("agreement", id);
}

public sealed record ListAgreementsQuery(Guid CoupleId) : IRequest<CoupleAgreementsDto>;

internal sealed class ListAgreementsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit) : IRequestHandler<ListAgreementsQuery, CoupleAgreementsDto>
{
    public async Task<CoupleAgreementsDto> Handle(ListAgreementsQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var result = await AgreementQueries.ReadAsync(db, couple, ct);
        audit.Record("agreement.list", "couple", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return result;
    }
}

public sealed record SendAgreementCommand(DocumentKind? DocumentKind, ConfidentialityPolicy? Policy) : IRequest<AgreementDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class SendAgreementValidator : AbstractValidator<SendAgreementCommand>
{
    public SendAgreementValidator() => RuleFor(c => c.DocumentKind).NotNull();
}

internal sealed class SendAgreementHandler(ClinicDbContext db, ICurrentUser user, IntakeStarter intake) : IRequestHandler<SendAgreementCommand, AgreementDto>
{
    public async Task<AgreementDto> Handle(SendAgreementCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var agreement = await intake.SendAgreementAsync(couple, command.DocumentKind!.Value, command.Policy, user.Id, ct);
        await db.SaveChangesAsync(ct);
        var version = await db.DocumentVersions.SingleAsync(v => v.Id == agreement.DocumentVersionId, ct);
        return agreement.ToDto(version, couple);
    }
}

public sealed record RecordPaperSignatureCommand(Guid? PartnerId, DateOnly? SignedOn, string? Note) : IRequest<AgreementDto>
{
    internal Guid CoupleId { get; init; }
    internal Guid AgreementId { get; init; }
}

public sealed class RecordPaperSignatureValidator : AbstractValidator<RecordPaperSignatureCommand>
{
    public RecordPaperSignatureValidator()
    {
        RuleFor(c => c.PartnerId).NotNull();
        RuleFor(c => c.SignedOn).NotNull().GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).WithMessage("Give the day it was signed on paper.");
        RuleFor(c => c.Note).CleanText(AgreementSignature.MaxNote);
    }
}

/// <summary>A signature the partner gave on paper, recorded by the therapist with the day it was signed; audited.</summary>
internal sealed class RecordPaperSignatureHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar, TimeProvider clock)
    : IRequestHandler<RecordPaperSignatureCommand, AgreementDto>
{
    public async Task<AgreementDto> Handle(RecordPaperSignatureCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var agreement = await db.OwnedAgreementAsync(couple, command.AgreementId, ct);
        var partner = couple.PartnerById(command.PartnerId);
        if (command.SignedOn > calendar.Today()) throw new FieldValidationException("signedOn", "The day it was signed cannot be in the future.");
        var signature = agreement.RecordPaper(partner, command.SignedOn!.Value, command.Note, user.Id, clock.GetUtcNow());
        db.AgreementSignatures.Add(signature);
        audit.Record("agreement.paper_signature", "agreement", agreement.Id, couple.Id, detail: $"partner {partner.Label} signed on {command.SignedOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        var version = await db.DocumentVersions.SingleAsync(v => v.Id == agreement.DocumentVersionId, ct);
        return agreement.ToDto(version, couple);
    }
}

public sealed record RemindAgreementCommand(Guid CoupleId, Guid AgreementId) : IRequest<AgreementDto>;

/// <summary>The neutral portal notice again, to each partner who has not signed yet.</summary>
internal sealed class RemindAgreementHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PortalNews news)
    : IRequestHandler<RemindAgreementCommand, AgreementDto>
{
    public async Task<AgreementDto> Handle(RemindAgreementCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var agreement = await db.OwnedAgreementAsync(couple, command.AgreementId, ct);
        if (agreement.IsSuperseded) throw new ConflictException("A newer version was sent since: remind about that one.");
        var waiting = couple.Partners.Where(p => agreement.SignatureOf(p.Id) is null).ToList();
        if (waiting.Count == 0) throw new ConflictException("Both partners have signed this.");
        foreach (var partner in waiting) await news.TellAsync(partner, ct);
        audit.Record("agreement.remind", "agreement", agreement.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        var version = await db.DocumentVersions.SingleAsync(v => v.Id == agreement.DocumentVersionId, ct);
        return agreement.ToDto(version, couple);
    }
}

public sealed record StartIntakeCommand(ConfidentialityPolicy? Policy, bool? IncludeTelehealth, string? FormCode) : IRequest<CoupleAgreementsDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class StartIntakeValidator : AbstractValidator<StartIntakeCommand>
{
    public StartIntakeValidator()
    {
        RuleFor(c => c.Policy).NotNull().WithMessage("Choose the couple's confidentiality policy.");
        RuleFor(c => c.FormCode).CleanText(60);
    }
}

/// <summary>"Start intake" over HTTP: see <see cref="IntakeStarter.StartAsync"/>.</summary>
internal sealed class StartIntakeHandler(ClinicDbContext db, ICurrentUser user, IntakeStarter intake) : IRequestHandler<StartIntakeCommand, CoupleAgreementsDto>
{
    public async Task<CoupleAgreementsDto> Handle(StartIntakeCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        await intake.StartAsync(couple, new IntakeOptions(command.Policy!.Value, command.IncludeTelehealth ?? false,
            string.IsNullOrWhiteSpace(command.FormCode) ? IntakeOptions.DefaultFormCode : command.FormCode.Trim()), user.Id, ct);
        await db.SaveChangesAsync(ct);
        return await AgreementQueries.ReadAsync(db, couple, ct);
    }
}
