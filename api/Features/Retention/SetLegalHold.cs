using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Retention;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Retention;

/// <summary>
/// Places or releases a couple's legal hold (<c>PUT /api/admin/retention/{id}/hold</c>): while it stands the record is
/// kept past its retention date and cannot be purged. The admin may hold any couple.
/// </summary>
public sealed record SetLegalHoldCommand(bool? Hold, string? Reason) : IRequest<RetentionCoupleDto>
{
    [JsonIgnore] internal Guid CoupleId { get; init; }
}

public sealed class SetLegalHoldValidator : AbstractValidator<SetLegalHoldCommand>
{
    public SetLegalHoldValidator()
    {
        RuleFor(c => c.Hold).NotNull();
        RuleFor(c => c.Reason).LegalHoldReason(c => c.Hold);
    }
}

/// <summary>
/// The couple page's retention panel written back (<c>PUT /api/couples/{id}/retention</c>, the therapist's own couple):
/// <c>legalHold</c> and <c>holdReason</c> change; the rest of the GET's body is read-only and accepted unchanged.
/// </summary>
public sealed record UpdateCoupleRetentionCommand : IRequest<RetentionCoupleDto>, IAcceptsReadBody
{
    public bool? LegalHold { get; init; }
    public string? HoldReason { get; init; }
    [JsonIgnore] internal Guid CoupleId { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class UpdateCoupleRetentionValidator : AbstractValidator<UpdateCoupleRetentionCommand>
{
    public UpdateCoupleRetentionValidator()
    {
        RuleFor(c => c.LegalHold).NotNull();
        RuleFor(c => c.HoldReason).LegalHoldReason(c => c.LegalHold);
    }
}

internal static class LegalHoldRules
{
    public const string ReasonMessage = "Say why the record is held (a court order, a complaint, a request from the client…).";

    public static void LegalHoldReason<T>(this IRuleBuilderInitial<T, string?> rule, Func<T, bool?> hold) =>
        rule.MaximumLength(CoupleRetention.MaxReasonLength)
            .Must(r => r is null || !r.Contains('\0')).WithMessage("The reason may not contain NUL characters.")
            .Must((c, r) => hold(c) != true || !string.IsNullOrWhiteSpace(r)).WithMessage(ReasonMessage);
}

/// <summary>The one way a hold changes, for both routes: the row made on first use, the change audited without the reason.</summary>
internal sealed class LegalHolds(ClinicDbContext db, ICurrentUser user, AuditTrail audit, RetentionPeriod period, PracticeCalendar calendar,
    TimeProvider clock)
{
    public async Task<RetentionCoupleDto> ReadAsync(Couple couple, CancellationToken ct)
    {
        var retention = await db.CoupleRetention.SingleOrDefaultAsync(r => r.CoupleId == couple.Id, ct);
        var therapist = await db.Users.Where(u => u.Id == couple.TherapistId).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct);
        return RetentionViews.Dto(couple, therapist, retention, await period.YearsAsync(ct), calendar.Today());
    }

    public async Task<RetentionCoupleDto> SetAsync(Couple couple, bool hold, string? reason, CancellationToken ct)
    {
        var retention = await db.CoupleRetention.AsTracking().SingleOrDefaultAsync(r => r.CoupleId == couple.Id, ct);
        if (retention is null) db.CoupleRetention.Add(retention = CoupleRetention.For(couple.Id));
        var trimmed = hold ? reason?.Trim() : null;
        if (retention.LegalHold != hold || retention.HoldReason != trimmed)
        {
            retention.Set(hold, reason, user.Id, clock.GetUtcNow());
            // The reason stays on the hold; the trail says only who placed or released it.
            audit.Record(hold ? "retention.hold.place" : "retention.hold.release", "couple", couple.Id, couple.Id);
            await db.SaveChangesAsync(ct);
        }
        return await ReadAsync(couple, ct);
    }
}

internal sealed class SetLegalHoldHandler(ClinicDbContext db, LegalHolds holds) : IRequestHandler<SetLegalHoldCommand, RetentionCoupleDto>
{
    public async Task<RetentionCoupleDto> Handle(SetLegalHoldCommand command, CancellationToken ct)
    {
        var couple = await db.Couples.SingleOrDefaultAsync(c => c.Id == command.CoupleId, ct) ?? throw new NotFoundException("couple", command.CoupleId);
        return await holds.SetAsync(couple, command.Hold!.Value, command.Reason, ct);
    }
}

internal sealed class UpdateCoupleRetentionHandler(ClinicDbContext db, ICurrentUser user, LegalHolds holds)
    : IRequestHandler<UpdateCoupleRetentionCommand, RetentionCoupleDto>
{
    public async Task<RetentionCoupleDto> Handle(UpdateCoupleRetentionCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        ReadOnlyMemberCheck.Check(command, await holds.ReadAsync(couple, ct));
        return await holds.SetAsync(couple, command.LegalHold!.Value, command.HoldReason, ct);
    }
}
