using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

public sealed record ResolveSafetyFlagCommand(string? Note) : IRequest<SafetyFlagDto>
{
    internal Guid Id { get; init; }
}

public sealed class ResolveSafetyFlagValidator : AbstractValidator<ResolveSafetyFlagCommand>
{
    public ResolveSafetyFlagValidator() =>
        RuleFor(c => c.Note).NotEmpty().WithMessage(SafetyFlag.NoteRequiredMessage)
            .MaximumLength(4000);
}

internal sealed class ResolveSafetyFlagHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    SafetyFlagViews flagViews, TimeProvider clock) : IRequestHandler<ResolveSafetyFlagCommand, SafetyFlagDto>
{
    public async Task<SafetyFlagDto> Handle(ResolveSafetyFlagCommand command, CancellationToken ct)
    {
        var flag = await db.SafetyFlags.AsTracking()
            .Where(f => f.Id == command.Id && db.Couples.OwnedBy(user).Any(c => c.Id == f.CoupleId))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("safety flag", command.Id);

        flag.Resolve(user.Id, command.Note!, clock.GetUtcNow());
        audit.Record("safety.flag_resolve", "safety_flag", flag.Id, flag.CoupleId);
        await db.SaveChangesAsync(ct);

        var label = await db.Partners.Where(p => p.Id == flag.PartnerId).Select(p => p.Label).SingleAsync(ct);
        return (await flagViews.ToDtosAsync([flag], new Dictionary<Guid, PartnerLabel> { [flag.PartnerId] = label }, ct)).Single();
    }
}
