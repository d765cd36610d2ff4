using AutoMapper;
using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

public sealed record AmendSessionCommand(string? Text) : IRequest<SessionDto>
{
    internal Guid Id { get; init; }
}

public sealed class AmendSessionValidator : AbstractValidator<AmendSessionCommand>
{
    public AmendSessionValidator() => RuleFor(c => c.Text).NotEmpty().MaximumLength(SessionInputRules.MaxNoteLength);
}

internal sealed class AmendSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IMapper mapper, TimeProvider clock)
    : IRequestHandler<AmendSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(AmendSessionCommand command, CancellationToken ct)
    {
        var session = await db.OwnedSessionAsync(user, command.Id, ct, tracking: true);
        if (!session.IsSigned) throw new ConflictException("Only a signed session takes amendments; edit it directly until it is signed.");
        var author = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        var amendment = session.Amend(command.Text!, user.Id, author.DisplayName, clock.GetUtcNow());
        db.Add(amendment);
        audit.Record("session.amend", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return mapper.Map<SessionDto>(session);
    }
}
