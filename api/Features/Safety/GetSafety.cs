using Clinic.Api.Data;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

public sealed record GetSafetyQuery(Guid CoupleId) : IRequest<SafetyOverviewDto>;

internal sealed class GetSafetyHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, SafetyCatalogue catalogue,
    SafetyFlagViews flagViews)
    : IRequestHandler<GetSafetyQuery, SafetyOverviewDto>
{
    public async Task<SafetyOverviewDto> Handle(GetSafetyQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var labels = couple.Partners.ToDictionary(p => p.Id, p => p.Label);
        var definition = catalogue.Definition;

        var checks = await db.SafetyChecks.Where(c => c.CoupleId == couple.Id)
            .OrderByDescending(c => c.RequestedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var flags = await db.SafetyFlags.Where(f => f.CoupleId == couple.Id).ToListAsync(ct);
        var records = await db.RiskRecords.Where(r => r.CoupleId == couple.Id).ToListAsync(ct);
        var recordIds = records.Select(r => r.Id).ToList();
        var revisions = await db.RiskRecordRevisions.Where(r => recordIds.Contains(r.RiskRecordId)).ToListAsync(ct);

        var flagByCheck = flags.Where(f => f.SafetyCheckId is not null).ToDictionary(f => f.SafetyCheckId!.Value, f => f.Id);
        var flagDtos = await flagViews.ToDtosAsync(flags.OrderBy(f => f.IsOpen ? 0 : 1).ThenByDescending(f => f.RaisedAt).ToList(),
            labels, ct);
        var checkDtos = checks.Select(c => SafetyMapping.Check(definition, c, labels[c.PartnerId],
            flagByCheck.TryGetValue(c.Id, out var flagId) ? flagId : null)).ToList();
        var riskDtos = couple.Partners.OrderBy(p => p.Label).Select(p =>
        {
            var record = records.SingleOrDefault(r => r.PartnerId == p.Id);
            return SafetyMapping.Risk(p, record, revisions.Where(r => record is not null && r.RiskRecordId == record.Id));
        }).ToList();

        var hasOpenFlag = flags.Any(f => f.IsOpen);
        var paused = records.Any(r => r.JointSessionsPaused);
        audit.Record("safety.read", "couple", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        var openSources = flagDtos.Where(f => f.Status == SafetyFlagStatus.Open).Select(f => f.SourceLabel).Distinct().ToList();
        return new SafetyOverviewDto(couple.Id, new SafetySummaryDto(hasOpenFlag, paused, hasOpenFlag || paused, openSources),
            flagDtos, checkDtos, riskDtos);
    }
}
