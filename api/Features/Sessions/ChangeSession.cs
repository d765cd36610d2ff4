using AutoMapper;
using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Sessions;

public sealed record UpdateSessionCommand(uint? Version, DateOnly? Date, TimeOnly? StartTime, int? DurationMinutes,
    SessionFormat? Format, Attendance? Attendance, int? EftStage, int? EftStep, string? Note, CycleInput? Cycle)
    : IRequest<SessionDto>, ISessionInput
{
    internal Guid Id { get; init; }
}

public sealed class UpdateSessionValidator : AbstractValidator<UpdateSessionCommand>
{
    public UpdateSessionValidator()
    {
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version you read, so a stale write can be detected.");
        this.AddSessionRules();
    }
}

internal sealed class UpdateSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IMapper mapper)
    : IRequestHandler<UpdateSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(UpdateSessionCommand command, CancellationToken ct)
    {
        var session = await db.LoadOwnedSessionAsync(user, command.Id, ct, tracking: true);
        session.ExpectVersion(db, command.Version!.Value);
        if (session.IsSigned) throw new ConflictException("This session is signed and locked. Add an amendment instead.");
        var couple = await db.OwnedCoupleAsync(user, session.CoupleId, ct);
        session.Revise(command.Details(), command.CycleFor(couple));
        audit.Record("session.update", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return mapper.Map<SessionDto>(session);
    }
}

public sealed record SignSessionCommand(uint? Version) : IRequest<SessionDto>
{
    internal Guid Id { get; init; }
}

public sealed class SignSessionValidator : AbstractValidator<SignSessionCommand>
{
    public SignSessionValidator() => RuleFor(c => c.Version).NotNull();
}

internal sealed class SignSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IMapper mapper, TimeProvider clock)
    : IRequestHandler<SignSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(SignSessionCommand command, CancellationToken ct)
    {
        var session = await db.LoadOwnedSessionAsync(user, command.Id, ct, tracking: true);
        session.ExpectVersion(db, command.Version!.Value);
        if (session.IsSigned) throw new ConflictException("This session is already signed.");
        var therapist = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        session.Sign(user.Id, therapist.DisplayName, clock.GetUtcNow());
        audit.Record("session.sign", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return mapper.Map<SessionDto>(session);
    }
}

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
        var session = await db.LoadOwnedSessionAsync(user, command.Id, ct, tracking: true);
        if (!session.IsSigned) throw new ConflictException("Only a signed session takes amendments; edit it directly until it is signed.");
        var author = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        var amendment = session.Amend(command.Text!, user.Id, author.DisplayName, clock.GetUtcNow());
        db.Add(amendment);
        audit.Record("session.amend", "session", session.Id, session.CoupleId);
        await db.SaveChangesAsync(ct);
        return mapper.Map<SessionDto>(session);
    }
}

internal static class Versioning
{
    /// <summary>A stale version is a 409 now, and the row version guards the race up to the write.</summary>
    public static void ExpectVersion(this Session session, ClinicDbContext db, uint version)
    {
        if (session.Version != version)
            throw new ConflictException("This session was changed since you read it. Reload to see the latest version, then try again.");
        db.Entry(session).Property(s => s.Version).OriginalValue = version;
    }
}
