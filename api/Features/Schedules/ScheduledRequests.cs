using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Schedules;

/// <summary>
/// Makes the questionnaire requests schedules owe today, in the practice's zone (DESIGN §11). Each
/// occurrence is created once however many app instances run this at once: a transaction-scoped
/// advisory lock lets one instance do the round while the others skip it, and the unique
/// (schedule_id, due_on) index refuses a second copy should anything get past the lock. When an
/// occurrence comes due, the partner's earlier unanswered request for the same instrument is closed
/// as missed, so they have one copy to answer, and "missed two in a row" can be counted. Each new
/// request goes out like a therapist's (issue 16's outbox, in the same transaction): the one
/// "something new in your portal" notice, and a reminder three days later if it is still waiting.
/// </summary>
internal sealed class ScheduledRequests(ClinicDbContext db, PracticeCalendar calendar, TimeProvider clock, AuditTrail audit,
    PortalNews news, QuestionnaireReminders reminders)
{
    /// <summary>The advisory lock key of the round ("measure schedules" as a number); any fixed value all instances share.</summary>
    private const long RoundLock = 0x4D53_4348_4544; // "MSCHED"

    /// <summary>Runs one round; returns how many requests it created (0 when another instance holds the round).</summary>
    public async Task<int> CreateDueAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RoundLock}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return 0;

        var today = calendar.Today();
        var schedules = await db.MeasureSchedules.AsTracking()
            .Where(s => s.StoppedAt == null && s.StartsOn <= today)
            .Where(s => db.Couples.Any(c => c.Id == s.CoupleId && c.Status != CoupleStatus.Closed))
            .ToListAsync(ct);
        var created = 0;
        foreach (var schedule in schedules)
        {
            if (schedule.LatestDueOn(today) is not { } due) continue;
            if (await db.QuestionnaireRequests.AnyAsync(r => r.ScheduleId == schedule.Id && r.DueOn == due, ct)) continue;
            await AddOccurrenceAsync(schedule, due, ct, bySystem: true);
            created++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Adds the request for one occurrence to the unit of work, closing the partner's earlier
    /// unanswered request for the same instrument as missed. Also used when a schedule starting
    /// today is created, so the partner has it at once.
    /// </summary>
    /// <param name="bySystem">The background round, not a therapist's request: audited as the system.</param>
    public async Task<QuestionnaireRequest> AddOccurrenceAsync(MeasureSchedule schedule, DateOnly due, CancellationToken ct,
        bool bySystem = false)
    {
        var role = bySystem ? "system" : null;
        var now = clock.GetUtcNow();
        var superseded = await db.QuestionnaireRequests.AsTracking()
            .Where(r => r.PartnerId == schedule.PartnerId && r.Instrument == schedule.Instrument && r.Status == QuestionnaireStatus.Pending)
            .ToListAsync(ct);
        foreach (var earlier in superseded)
        {
            earlier.MarkMissed();
            audit.Record("questionnaire.missed", "questionnaire_request", earlier.Id, earlier.CoupleId, role: role);
        }
        var request = QuestionnaireRequest.Scheduled(schedule, due, now);
        db.QuestionnaireRequests.Add(request);
        var partner = await db.Partners.SingleAsync(p => p.Id == schedule.PartnerId, ct);
        await news.TellAsync(partner, ct);
        reminders.Schedule(request, partner);
        audit.Record("questionnaire.schedule_request", "questionnaire_request", request.Id, schedule.CoupleId, role: role,
            detail: $"schedule {schedule.Id}, due {due:yyyy-MM-dd}");
        return request;
    }
}
