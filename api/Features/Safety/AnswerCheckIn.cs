using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Portal;
using Clinic.Api.Features.Practice;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

/// <summary>
/// The same after every check-in, whatever was said: where to get help now, shown first. The check-in asks
/// about a partner, who may be watching the screen, so what follows it must never depend on the answers.
/// </summary>
public sealed record CheckInAnsweredDto(CrisisResourcesDto CrisisResources);

public sealed record AnswerCheckInCommand(Dictionary<string, JsonElement>? Answers) : IRequest<CheckInAnsweredDto>
{
    internal Guid Id { get; init; }
}

public sealed class AnswerCheckInValidator : AbstractValidator<AnswerCheckInCommand>
{
    public AnswerCheckInValidator() => RuleFor(c => c.Answers).NotNull();
}

/// <summary>
/// Answers the caller's own pending check-in. Another partner's check-in, an answered one and an
/// unknown id all fail the same single query and answer the same 404; the success answer is the same
/// crisis text whether or not a flag was raised, so the response says nothing about the answers.
/// </summary>
internal sealed class AnswerCheckInHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    SafetyCatalogue catalogue, TimeProvider clock) : IRequestHandler<AnswerCheckInCommand, CheckInAnsweredDto>
{
    public async Task<CheckInAnsweredDto> Handle(AnswerCheckInCommand command, CancellationToken ct)
    {
        var (me, _) = await db.PortalPartnerAsync(user, ct);
        var partnerId = me.Id;
        var check = await db.SafetyChecks.AsTracking()
            .SingleOrDefaultAsync(c => c.Id == command.Id && c.PartnerId == partnerId && c.Status == SafetyCheckStatus.Pending, ct)
            ?? throw new NotFoundException("check-in");

        var outcome = SafetyCheck.Evaluate(catalogue.Definition, command.Answers!);
        if (!outcome.IsValid) throw new FieldValidationException(outcome.Errors);
        var result = outcome.Result!;

        var now = clock.GetUtcNow();
        check.Answer(SafetyMapping.SerialiseAnswers(result.Answers), now);
        audit.Record("safety.check_answer", "safety_check", check.Id, check.CoupleId);
        if (result.RaisesFlag)
        {
            var flag = SafetyFlag.Raise(check, result.Reasons.Select(r => r.Item), now);
            db.SafetyFlags.Add(flag);
            audit.Record("safety.flag_raise", "safety_flag", flag.Id, check.CoupleId);
        }
        await db.SaveChangesAsync(ct);
        return new CheckInAnsweredDto(await CrisisResources.DtoAsync(db, ct));
    }
}
