using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.Notifications;

/// <summary>
/// A nudge after N days (3) without an entry on an active assignment, at 09:00 in the practice's zone.
/// Scheduled with the assignment; when due it looks at what happened since: an entry moves it on, a
/// closed or finished assignment ends it, otherwise it is sent and comes back N days later.
/// </summary>
internal sealed class HomeworkNudges(Outbox outbox, PracticeCalendar calendar, IOptions<EmailOptions> options)
{
    public static readonly TimeOnly SendAt = new(9, 0);

    public void Schedule(HomeworkAssignment assignment, Couple couple)
    {
        // From the start, or from today for homework set with a start in the past: never a nudge on the day it is set.
        var from = assignment.StartsOn > calendar.Today() ? assignment.StartsOn : calendar.Today();
        var due = At(from.AddDays(options.Value.NudgeAfterDays), calendar);
        foreach (var partner in couple.Partners.Where(p => assignment.IsAssignedTo(p.Label)))
            outbox.Remind(MessageKinds.HomeworkNudge, partner.Email, due, new Recipients(partner.UserId, partner.Id, assignment.Id));
    }

    public static DateTimeOffset At(DateOnly day, PracticeCalendar calendar) =>
        WallClock.ToInstant(day.ToDateTime(SendAt), calendar.Zone) ?? day.ToDateTime(SendAt, DateTimeKind.Utc);
}

internal sealed class HomeworkNudge(ClinicDbContext db, EmailWriter writer, PracticeCalendar calendar, IOptions<EmailOptions> options)
    : IReminderKind
{
    public string Kind => MessageKinds.HomeworkNudge;
    public ReminderChoice? Choice => ReminderChoice.HomeworkNudges;

    public async Task<ReminderOutcome> ComposeAsync(OutboxMessage reminder, CancellationToken ct)
    {
        var assignment = await db.HomeworkAssignments.SingleOrDefaultAsync(a => a.Id == reminder.AboutId, ct);
        var today = calendar.Today();
        if (assignment is null || !assignment.IsActive || today > assignment.DueOn)
            return new ReminderOutcome.Skip("The homework is no longer active.");
        if (!await db.Partners.AnyAsync(p => p.Id == reminder.PartnerId && p.UserId != null, ct))
            return new ReminderOutcome.Skip("No portal account yet.");

        var days = options.Value.NudgeAfterDays;
        var lastEntry = await db.HomeworkEntries
            .Where(e => e.AssignmentId == assignment.Id && e.AuthorPartnerId == reminder.PartnerId && e.WithdrawnAt == null)
            .MaxAsync(e => (DateOnly?)e.OccurredOn, ct);
        var set = calendar.DateOf(assignment.CreatedAt);
        var since = new[] { assignment.StartsOn, set, lastEntry ?? DateOnly.MinValue }.Max();
        if (today.DayNumber - since.DayNumber < days)
            return new ReminderOutcome.Later(HomeworkNudges.At(since.AddDays(days), calendar));

        var next = today.AddDays(days);
        return new ReminderOutcome.Send(new EmailText($"A gentle reminder from {writer.PracticeName}",
                ["It has been a few days since you last added anything in your portal.",
                 "When you have a moment, sign in to pick up where you left off."],
                "Open your portal", writer.SignInUrl),
            next <= assignment.DueOn ? HomeworkNudges.At(next, calendar) : null);
    }
}
