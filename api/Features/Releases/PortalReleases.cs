using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Signatures;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Documents;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Releases;

internal static class MyReleases
{
    /// <summary>A release of my couple that needs my signature; any other — one about the other partner alone — is 404.</summary>
    public static async Task<Release> MyReleaseAsync(this ClinicDbContext db, Domain.Couples.Couple couple, Guid me, Guid id, CancellationToken ct)
    {
        var release = await db.Releases.AsTracking().Include(r => r.Signatures)
            .SingleOrDefaultAsync(r => r.Id == id && r.CoupleId == couple.Id && (r.PartnerId == null || r.PartnerId == me), ct);
        return release ?? throw new NotFoundException("release"); // no id echoed: a probe learns nothing from the answer
    }
}

public sealed record ListMyReleasesQuery : IRequest<PortalReleaseListDto>;

internal sealed class ListMyReleasesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListMyReleasesQuery, PortalReleaseListDto>
{
    public async Task<PortalReleaseListDto> Handle(ListMyReleasesQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var releases = await db.Releases.Include(r => r.Signatures)
            .Where(r => r.CoupleId == couple.Id && (r.PartnerId == null || r.PartnerId == me.Id)).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        var today = calendar.Today();
        audit.Record("portal.release.list", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new PortalReleaseListDto(releases.Select(r => new PortalReleaseSummaryDto(r.Id, r.Recipient, r.Includes, r.ExpiresOn,
            r.StatusOn(today, couple), r.SignatureOf(me.Id) is not null, r.SignatureOf(me.Id)?.SignedAt)).ToList());
    }
}

public sealed record GetMyReleaseQuery(Guid Id) : IRequest<PortalReleaseDto>;

internal sealed class GetMyReleaseHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<GetMyReleaseQuery, PortalReleaseDto>
{
    public async Task<PortalReleaseDto> Handle(GetMyReleaseQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var release = await db.MyReleaseAsync(couple, me.Id, query.Id, ct);
        audit.Record("portal.release.read", "release", release.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return release.ToPortal(couple, me.Id, calendar.Today());
    }
}

public sealed record SignMyReleaseCommand(string? TypedName, bool? AgreeToSignElectronically, string? TextSha256) : IRequest<PortalReleaseDto>
{
    internal Guid Id { get; init; }
}

public sealed class SignMyReleaseValidator : AbstractValidator<SignMyReleaseCommand>
{
    public SignMyReleaseValidator()
    {
        RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.").CleanText(ElectronicSignature.MaxTypedName);
        RuleFor(c => c.AgreeToSignElectronically).Equal(true).WithMessage("Tick the box to agree to sign electronically.");
        RuleFor(c => c.TextSha256).CleanText(64);
    }
}

/// <summary>Authorises the release for my part (a signature as for agreements; again changes nothing).</summary>
internal sealed class SignMyReleaseHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, RequestSigner signer, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<SignMyReleaseCommand, PortalReleaseDto>
{
    public async Task<PortalReleaseDto> Handle(SignMyReleaseCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var release = await db.MyReleaseAsync(couple, me.Id, command.Id, ct);
        var today = calendar.Today();
        if (release.SignatureOf(me.Id) is null) couple.EnsureOpen();
        release.Sign(me, new SignatureRequest(command.TypedName, command.AgreeToSignElectronically, command.TextSha256), signer.Context, today,
            clock.GetUtcNow(), couple, out var added);
        audit.Record(added ? "portal.release.sign" : "portal.release.sign_again", "release", release.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return release.ToPortal(couple, me.Id, today);
    }
}

public sealed record RevokeMyReleaseCommand(string? Reason) : IRequest<PortalReleaseDto>
{
    internal Guid Id { get; init; }
}

public sealed class RevokeMyReleaseValidator : AbstractValidator<RevokeMyReleaseCommand>
{
    public RevokeMyReleaseValidator() => RuleFor(c => c.Reason).CleanText(Release.MaxReason);
}

/// <summary>Any partner the release needs may revoke it: from then on nothing is exported under it.</summary>
internal sealed class RevokeMyReleaseHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar, TimeProvider clock)
    : IRequestHandler<RevokeMyReleaseCommand, PortalReleaseDto>
{
    public async Task<PortalReleaseDto> Handle(RevokeMyReleaseCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var release = await db.MyReleaseAsync(couple, me.Id, command.Id, ct);
        release.Revoke(me, command.Reason, clock.GetUtcNow());
        audit.Record("portal.release.revoke", "release", release.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return release.ToPortal(couple, me.Id, calendar.Today());
    }
}
