using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

public sealed record ClosingSummaryDto(Guid CoupleId, ClosingReason Reason, string Summary, DateOnly ClosedOn, bool SafetyConfirmed,
    DateTimeOffset SignedAt, string SignedByName);

/// <summary>
/// Close the case: the couple's <c>version</c> as read, a <c>reason</c>, the closing <c>summary</c> (start from
/// <c>GET …/closing-summary/draft</c>), and <c>confirmSafety</c> when a safety item is still open.
/// </summary>
public sealed record CloseCoupleCommand(uint? Version, ClosingReason? Reason, string? Summary, bool? ConfirmSafety) : IRequest<CoupleDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class CloseCoupleValidator : AbstractValidator<CloseCoupleCommand>
{
    public CloseCoupleValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.Reason).NotNull()
            .WithMessage("Give the reason: goals_met, mutual_decision, client_withdrew, referred, no_contact or other.");
        RuleFor(c => c.Summary).NotEmpty().WithMessage("Write the closing summary (the draft is a start).").MaximumLength(ClosingSummary.MaxSummary);
    }
}

/// <summary>
/// Closes the couple with its signed summary in one transaction, and shuts the partners' portal as closing always has.
/// An open safety flag or a pause of joint sessions needs <c>confirmSafety</c> (a 409 says so), and the confirmation is kept.
/// </summary>
internal sealed class CloseCoupleHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar, TimeProvider clock)
    : IRequestHandler<CloseCoupleCommand, CoupleDto>
{
    public async Task<CoupleDto> Handle(CloseCoupleCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct, tracking: true);
        db.ExpectVersion(couple, command.Version, "couple");
        couple.EnsureOpen();
        var openSafety = await SafetyGate.NeedsJointConfirmationAsync(db, couple.Id, ct);
        if (openSafety && command.ConfirmSafety != true)
            throw new ConflictException(
                "A safety item is still open for this couple (a flag or a pause of joint sessions). Confirm that closing is right to go ahead.",
                new Dictionary<string, object?> { ["requiresSafetyConfirmation"] = true });
        var now = clock.GetUtcNow();
        var today = calendar.Today();
        var author = (await db.Users.Where(u => u.Id == user.Id).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct)).Trim();
        couple.MoveTo(CoupleStatus.Closed, today);
        db.ClosingSummaries.Add(ClosingSummary.Sign(couple.Id, command.Reason!.Value, command.Summary!, today, openSafety, user.Id, author, now));
        audit.Record("couple.close", "couple", couple.Id, couple.Id, detail: openSafety ? "safety confirmed" : null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Closing shuts the partners' portal at once (their data stays): sign-in then says it is closed.
        await SessionRevocation.RevokePortalAsync(db, couple.Id, now, "couple_closed", ct);
        await tx.CommitAsync(ct);
        return couple.ToDto();
    }
}

public sealed record GetClosingSummaryQuery(Guid CoupleId) : IRequest<ClosingSummaryDto>;

internal sealed class GetClosingSummaryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<GetClosingSummaryQuery, ClosingSummaryDto>
{
    public async Task<ClosingSummaryDto> Handle(GetClosingSummaryQuery query, CancellationToken ct)
    {
        await db.EnsureOwnedCoupleAsync(user, query.CoupleId, ct);
        var summary = await db.ClosingSummaries.SingleOrDefaultAsync(s => s.CoupleId == query.CoupleId, ct)
            ?? throw new NotFoundException("closing summary");
        audit.Record("closing_summary.read", "closing_summary", query.CoupleId, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return ToDto(summary);
    }

    public static ClosingSummaryDto ToDto(ClosingSummary s) =>
        new(s.CoupleId, s.Reason, s.Summary, s.ClosedOn, s.SafetyConfirmed, s.SignedAt, s.SignedByName);
}
