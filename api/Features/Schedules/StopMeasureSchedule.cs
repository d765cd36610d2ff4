using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Schedules;

public sealed record StopMeasureScheduleCommand(Guid CoupleId, Guid ScheduleId) : IRequest<MeasureScheduleDto>;

/// <summary>
/// Stops a schedule: no more requests. A soft end — the schedule and every request it made stay,
/// and a request already waiting in the portal stays answerable. Stopping a stopped one changes nothing.
/// </summary>
internal sealed class StopMeasureScheduleHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<StopMeasureScheduleCommand, MeasureScheduleDto>
{
    public async Task<MeasureScheduleDto> Handle(StopMeasureScheduleCommand command, CancellationToken ct)
    {
        var schedule = await db.MeasureSchedules.AsTracking()
                           .Where(s => s.Id == command.ScheduleId && s.CoupleId == command.CoupleId)
                           .Where(s => db.Couples.OwnedBy(user).Any(c => c.Id == s.CoupleId))
                           .SingleOrDefaultAsync(ct)
                       ?? throw new NotFoundException("measure schedule", command.ScheduleId);
        if (!schedule.IsStopped)
        {
            schedule.Stop(user.Id, clock.GetUtcNow());
            audit.Record("measure_schedule.stop", "measure_schedule", schedule.Id, schedule.CoupleId);
            await db.SaveChangesAsync(ct);
        }
        var requests = await db.QuestionnaireRequests.Where(r => r.ScheduleId == schedule.Id).ToListAsync(ct);
        return MeasureScheduleDto.From(schedule, calendar.Today(), requests);
    }
}
