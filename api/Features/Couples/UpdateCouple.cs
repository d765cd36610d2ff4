using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Couples;

public sealed record UpdateCoupleCommand(uint? Version, CoupleStatus? Status, string? PresentingConcerns, string? Goals)
    : IRequest<CoupleDto>
{
    internal Guid Id { get; init; }
}

public sealed class UpdateCoupleValidator : AbstractValidator<UpdateCoupleCommand>
{
    public UpdateCoupleValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.PresentingConcerns).MaximumLength(4000);
        RuleFor(c => c.Goals).MaximumLength(4000);
        RuleFor(c => c.Status).NotEqual(CoupleStatus.Closed).WithMessage(ClosingMessage);
    }

    /// <summary>Issue 29: a case closes with a reason and a signed closing summary, on its own route.</summary>
    public const string ClosingMessage =
        "Close a case with POST /api/couples/{id}/close: it needs a reason and a signed closing summary (GET /api/couples/{id}/closing-summary/draft drafts one).";
}

internal sealed class UpdateCoupleHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    TimeProvider clock)
    : IRequestHandler<UpdateCoupleCommand, CoupleDto>
{
    public async Task<CoupleDto> Handle(UpdateCoupleCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.Id, ct, tracking: true);
        db.ExpectVersion(couple, command.Version, "couple");
        if (command.Status is { } status) couple.MoveTo(status, calendar.Today());
        couple.Describe(command.PresentingConcerns, command.Goals);
        audit.Record(command.Status == CoupleStatus.Closed ? "couple.close" : "couple.update", "couple", couple.Id, couple.Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Closing shuts the partners' portal at once (their data stays): sign-in then says it is closed.
        if (command.Status == CoupleStatus.Closed)
            await SessionRevocation.RevokePortalAsync(db, couple.Id, clock.GetUtcNow(), "couple_closed", ct);
        await tx.CommitAsync(ct);
        return couple.ToDto();
    }
}
