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

namespace Clinic.Api.Features.Releases;

internal static class ReleaseQueries
{
    public static async Task<Release> OwnedReleaseAsync(this ClinicDbContext db, Couple couple, Guid id, CancellationToken ct, bool tracking = false)
    {
        var query = db.Releases.Include(r => r.Signatures).Where(r => r.Id == id && r.CoupleId == couple.Id);
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(ct) ?? throw new NotFoundException("release", id);
    }
}

public sealed record CreateReleaseCommand(string? Recipient, string? Purpose, IReadOnlyList<ReleaseContent>? Includes, DateOnly? From, DateOnly? To,
    DateOnly? ExpiresOn, Guid? PartnerId) : IRequest<ReleaseDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class CreateReleaseValidator : AbstractValidator<CreateReleaseCommand>
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    public CreateReleaseValidator()
    {
        RuleFor(c => c.Recipient).NotEmpty().CleanText(Release.MaxRecipient);
        RuleFor(c => c.Purpose).NotEmpty().CleanText(Release.MaxPurpose);
        RuleFor(c => c.Includes).NotEmpty().WithMessage("Choose what the release includes.");
        RuleFor(c => c.From).NotNull().InclusiveBetween(Earliest, Latest);
        RuleFor(c => c.To).NotNull().InclusiveBetween(Earliest, Latest);
        RuleFor(c => c.ExpiresOn).NotNull().InclusiveBetween(Earliest, Latest);
    }
}

/// <summary>A release drafted by the therapist and sent to each partner it needs for their signature.</summary>
internal sealed class CreateReleaseHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PortalNews news, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<CreateReleaseCommand, ReleaseDto>
{
    public async Task<ReleaseDto> Handle(CreateReleaseCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        var wording = await db.Documents.Where(d => d.Kind == DocumentKind.Release)
            .SelectMany(d => d.Versions.Where(v => v.Number == d.CurrentVersion)).SingleOrDefaultAsync(ct);
        var today = calendar.Today();
        var release = Release.Create(couple, new ReleaseTerms(command.Recipient!, command.Purpose!, command.Includes!, command.From!.Value,
            command.To!.Value, command.ExpiresOn!.Value, command.PartnerId), wording, user.Id, today, clock.GetUtcNow());
        db.Releases.Add(release);
        foreach (var partnerId in release.RequiredSigners(couple)) await news.TellAsync(couple.PartnerById(partnerId), ct);
        audit.Record("release.create", "release", release.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return release.ToDto(couple, today);
    }
}

public sealed record ListReleasesQuery(Guid CoupleId) : IRequest<ReleaseListDto>;

internal sealed class ListReleasesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListReleasesQuery, ReleaseListDto>
{
    public async Task<ReleaseListDto> Handle(ListReleasesQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var releases = await db.Releases.Include(r => r.Signatures).Where(r => r.CoupleId == couple.Id)
            .OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        audit.Record("release.list", "couple", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        var today = calendar.Today();
        return new ReleaseListDto(releases.Select(r => r.ToDto(couple, today)).ToList());
    }
}
