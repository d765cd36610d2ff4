using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

public sealed record SignSessionCommand(uint? Version) : IRequest<SessionDto>
{
    internal Guid Id { get; init; }
}

public sealed class SignSessionValidator : AbstractValidator<SignSessionCommand>
{
    public SignSessionValidator() => RuleFor(c => c.Version).VersionRead();
}

internal sealed class SignSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar)
    : IRequestHandler<SignSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(SignSessionCommand command, CancellationToken ct)
    {
        var session = await db.OwnedSessionAsync(user, command.Id, ct, tracking: true);
        db.ExpectVersion(session, command.Version, "session");
        var therapist = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        // A trainee under an active supervision link signs; the supervisor's co-signature is then awaited (DESIGN §18).
        var today = calendar.Today();
        var trainee = await db.SupervisionLinks.AnyAsync(l => l.SuperviseeId == user.Id && l.Trainee
            && l.StartsOn <= today && (l.EndsOn == null || l.EndsOn >= today), ct);
        session.Sign(user.Id, therapist.DisplayName, clock.GetUtcNow(), requiresCosignature: trainee);
        audit.Record("session.sign", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
