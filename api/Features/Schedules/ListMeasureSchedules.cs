using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Schedules;

public sealed record ListMeasureSchedulesQuery(Guid CoupleId) : IRequest<IReadOnlyList<MeasureScheduleDto>>;

/// <summary>The couple's schedules, running ones first, each with the requests it has made. A couple has a handful.</summary>
internal sealed class ListMeasureSchedulesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListMeasureSchedulesQuery, IReadOnlyList<MeasureScheduleDto>>
{
    public async Task<IReadOnlyList<MeasureScheduleDto>> Handle(ListMeasureSchedulesQuery query, CancellationToken ct)
    {
        if (!await db.Couples.OwnedBy(user).AnyAsync(c => c.Id == query.CoupleId, ct))
            throw new NotFoundException("couple", query.CoupleId);
        var schedules = await db.MeasureSchedules.Where(s => s.CoupleId == query.CoupleId).ToListAsync(ct);
        var requests = await db.QuestionnaireRequests.Where(r => r.CoupleId == query.CoupleId && r.ScheduleId != null).ToListAsync(ct);
        var today = calendar.Today();
        audit.Record("measure_schedule.list", "measure_schedule", null, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return schedules.Select(s => MeasureScheduleDto.From(s, today, requests))
            .OrderByDescending(s => s.Running).ThenBy(s => s.StoppedAt is not null).ThenByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToList();
    }
}
