using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Retention;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Retention;

/// <summary>
/// Places or releases a couple's legal hold (<c>PUT …/hold</c>): while it stands the record is kept past its
/// retention date and cannot be purged. The admin may hold any couple; a therapist only their own.
/// </summary>
public sealed record SetLegalHoldCommand(bool? Hold, string? Reason) : IRequest<RetentionCoupleDto>
{
    [JsonIgnore] internal Guid CoupleId { get; init; }
    /// <summary>Set for the therapist's route: the couple must be on their caseload, else 404.</summary>
    [JsonIgnore] internal bool OwnCaseloadOnly { get; init; }
}

public sealed class SetLegalHoldValidator : AbstractValidator<SetLegalHoldCommand>
{
    public SetLegalHoldValidator()
    {
        RuleFor(c => c.Hold).NotNull();
        RuleFor(c => c.Reason).MaximumLength(CoupleRetention.MaxReasonLength)
            .Must(r => r is null || !r.Contains('\0')).WithMessage("The reason may not contain NUL characters.");
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Hold == true)
            .WithMessage("Say why the record is held (a court order, a complaint, a request from the client…).");
    }
}

internal sealed class SetLegalHoldHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, RetentionPeriod period,
    PracticeCalendar calendar, TimeProvider clock) : IRequestHandler<SetLegalHoldCommand, RetentionCoupleDto>
{
    public async Task<RetentionCoupleDto> Handle(SetLegalHoldCommand command, CancellationToken ct)
    {
        var couple = command.OwnCaseloadOnly
            ? await db.OwnedCoupleAsync(user, command.CoupleId, ct)
            : await db.Couples.SingleOrDefaultAsync(c => c.Id == command.CoupleId, ct) ?? throw new NotFoundException("couple", command.CoupleId);
        var retention = await db.CoupleRetention.AsTracking().SingleOrDefaultAsync(r => r.CoupleId == couple.Id, ct);
        if (retention is null) db.CoupleRetention.Add(retention = CoupleRetention.For(couple.Id));
        var changed = retention.LegalHold != command.Hold!.Value || retention.HoldReason != command.Reason?.Trim();
        retention.Set(command.Hold.Value, command.Reason, user.Id, clock.GetUtcNow());
        // The reason stays on the hold; the trail says only who placed or released it.
        if (changed) audit.Record(command.Hold.Value ? "retention.hold.place" : "retention.hold.release", "couple", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        var therapist = await db.Users.Where(u => u.Id == couple.TherapistId).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct);
        return RetentionViews.Dto(couple, therapist, retention, await period.YearsAsync(ct), calendar.Today());
    }
}
