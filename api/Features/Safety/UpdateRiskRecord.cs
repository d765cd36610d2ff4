using Clinic.Api.Data;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

/// <param name="Version">The version read; omit (null) only when the partner has no risk record yet.</param>
public sealed record UpdateRiskRecordCommand(uint? Version, ViolenceLevel? Violence, bool? SubstanceMisuse,
    SelfHarmRisk? SelfHarmRisk, bool? JointSessionsPaused, string? PlanNotes) : IRequest<RiskRecordDto>
{
    internal Guid CoupleId { get; init; }
    internal Guid PartnerId { get; init; }
}

public sealed class UpdateRiskRecordValidator : AbstractValidator<UpdateRiskRecordCommand>
{
    public UpdateRiskRecordValidator()
    {
        RuleFor(c => c.Violence).NotNull();
        RuleFor(c => c.SubstanceMisuse).NotNull();
        RuleFor(c => c.SelfHarmRisk).NotNull();
        RuleFor(c => c.JointSessionsPaused).NotNull();
        RuleFor(c => c.PlanNotes).MaximumLength(8000);
    }
}

internal sealed class UpdateRiskRecordHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<UpdateRiskRecordCommand, RiskRecordDto>
{
    public async Task<RiskRecordDto> Handle(UpdateRiskRecordCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var partner = couple.PartnerById(command.PartnerId);
        var state = new RiskAssessment(command.Violence!.Value, command.SubstanceMisuse!.Value, command.SelfHarmRisk!.Value,
            command.JointSessionsPaused!.Value, command.PlanNotes ?? "");
        var now = clock.GetUtcNow();

        var record = await db.RiskRecords.AsTracking().SingleOrDefaultAsync(r => r.PartnerId == partner.Id, ct);
        RiskRecordRevision revision;
        if (record is null)
        {
            // A version for a record that does not exist means the caller read something else: stale.
            if (command.Version is not null) throw Concurrency.Stale("risk record");
            (record, revision) = RiskRecord.Start(couple.Id, partner.Id, state, user.Id, now);
            db.RiskRecords.Add(record);
        }
        else
        {
            db.ExpectVersion(record, command.Version, "risk record");
            revision = record.Update(state, user.Id, now);
        }
        db.RiskRecordRevisions.Add(revision);
        audit.Record("risk_record.update", "risk_record", record.Id, couple.Id);
        await db.SaveChangesAsync(ct);

        var history = await db.RiskRecordRevisions.Where(r => r.RiskRecordId == record.Id).ToListAsync(ct);
        return SafetyMapping.Risk(partner, record, history);
    }
}
