using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

/// <summary>
/// <c>Text</c> is the amendment, and the reason when <c>Cycle</c> corrects the cycle record (the
/// whole record as it should read; the values it replaces are kept with the amendment).
/// </summary>
public sealed record AmendSessionCommand(string? Text, CycleInput? Cycle = null) : IRequest<SessionDto>
{
    internal Guid Id { get; init; }
}

public sealed class AmendSessionValidator : AbstractValidator<AmendSessionCommand>
{
    public AmendSessionValidator()
    {
        // The message belongs to NotEmpty: before, it followed MaximumLength, so an empty text got the default wording.
        RuleFor(c => c.Text).NotEmpty().WithMessage(c => c.Cycle is null ? "Write the amendment." : Session.CorrectionReasonMessage)
            .MaximumLength(SessionInputRules.MaxNoteLength);
        RuleFor(c => c.Cycle!).SetValidator(new CycleInputValidator()).When(c => c.Cycle is not null);
    }
}

internal sealed class AmendSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<AmendSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(AmendSessionCommand command, CancellationToken ct)
    {
        var session = await db.OwnedSessionAsync(user, command.Id, ct, tracking: true);
        var author = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        var corrected = command.Cycle is null ? null : command.Cycle.ToRecord(await db.OwnedCoupleAsync(user, session.CoupleId, ct));
        var amendment = session.Amend(command.Text!, user.Id, author.DisplayName, clock.GetUtcNow(), corrected);
        db.Add(amendment);
        audit.Record("session.amend", "session", session.Id, session.CoupleId, detail: corrected is null ? null : "corrects the cycle record");
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
