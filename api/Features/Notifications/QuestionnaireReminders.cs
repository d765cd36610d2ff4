using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.Notifications;

/// <summary>One reminder N days (3) after a questionnaire was asked for, if it is still waiting then.</summary>
internal sealed class QuestionnaireReminders(Outbox outbox, IOptions<EmailOptions> options)
{
    public void Schedule(QuestionnaireRequest request, Partner partner) =>
        outbox.Remind(MessageKinds.QuestionnaireReminder, partner.Email, request.RequestedAt.AddDays(options.Value.NudgeAfterDays),
            new Recipients(partner.UserId, partner.Id, request.Id));
}

internal sealed class QuestionnaireReminder(ClinicDbContext db, EmailWriter writer) : IReminderKind
{
    public string Kind => MessageKinds.QuestionnaireReminder;
    public ReminderChoice? Choice => ReminderChoice.QuestionnaireReminders;

    public async Task<ReminderOutcome> ComposeAsync(OutboxMessage reminder, CancellationToken ct)
    {
        if (!await db.QuestionnaireRequests.AnyAsync(r => r.Id == reminder.AboutId && r.Status == QuestionnaireStatus.Pending, ct))
            return new ReminderOutcome.Skip("The questionnaire is no longer waiting.");
        if (!await db.Partners.AnyAsync(p => p.Id == reminder.PartnerId && p.UserId != null, ct))
            return new ReminderOutcome.Skip("No portal account yet.");
        // Worded like every other notice: it never says what is waiting.
        return new ReminderOutcome.Send(new EmailText($"A reminder from {writer.PracticeName}",
            ["Something in your portal is still waiting for you.",
             "Sign in when you have a moment; it only takes a few minutes."],
            "Open your portal", writer.SignInUrl));
    }
}
