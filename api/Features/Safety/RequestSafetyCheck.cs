using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

public static class SafetyChecks
{
    /// <summary>
    /// Intake asks both partners for a check-in (DESIGN §4a). Added to the caller's unit of work so
    /// a couple never exists without them.
    /// </summary>
    public static void RequestAtIntake(ClinicDbContext db, AuditTrail audit, Couple couple, DateTimeOffset now)
    {
        foreach (var partner in couple.Partners)
        {
            var check = SafetyCheckRequest.Request(couple.Id, partner.Id, couple.TherapistId, SafetyCheckReason.Intake, now);
            db.SafetyChecks.Add(check);
            audit.Record("safety.check_request", "safety_check", check.Id, couple.Id, detail: "intake");
        }
    }
}

public sealed record RequestSafetyCheckCommand(Guid? PartnerId) : IRequest<SafetyCheckDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class RequestSafetyCheckValidator : AbstractValidator<RequestSafetyCheckCommand>
{
    public RequestSafetyCheckValidator() => RuleFor(c => c.PartnerId).NotNull();
}

internal sealed class RequestSafetyCheckHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    SafetyCatalogue catalogue, TimeProvider clock, PortalNews news) : IRequestHandler<RequestSafetyCheckCommand, SafetyCheckDto>
{
    public async Task<SafetyCheckDto> Handle(RequestSafetyCheckCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var partner = couple.PartnerById(command.PartnerId);
        couple.EnsureOpen();
        // One open request per partner keeps the portal to a single neutral check-in at a time.
        if (await db.SafetyChecks.AnyAsync(c => c.PartnerId == partner.Id && c.Status == SafetyCheckStatus.Pending, ct))
            throw new ConflictException("This partner already has a check-in waiting to be answered.");

        var check = SafetyCheckRequest.Request(couple.Id, partner.Id, user.Id, SafetyCheckReason.TherapistRequest,
            clock.GetUtcNow());
        db.SafetyChecks.Add(check);
        // The same neutral notice as anything else new: nothing in it says "check-in" (DESIGN §4a, §10).
        await news.TellAsync(partner, ct);
        audit.Record("safety.check_request", "safety_check", check.Id, couple.Id, detail: "therapist_request");
        await db.SaveChangesAsync(ct);
        return SafetyMapping.Check(catalogue.Definition, check, partner.Label, null);
    }
}
