namespace Clinic.Api.Domain.Email;

/// <summary>The reminders a partner can switch off; security emails are not among them.</summary>
public enum ReminderChoice { AppointmentReminders, HomeworkNudges, QuestionnaireReminders }

/// <summary>
/// A partner's choice of reminders and the hours of the day when nothing but a security email
/// reaches them (in the practice's zone). Without a stored choice, every reminder is on.
/// </summary>
public sealed class NotificationPreferences
{
    private NotificationPreferences() { }

    public Guid PartnerId { get; private set; }
    public bool AppointmentReminders { get; private set; } = true;
    public bool HomeworkNudges { get; private set; } = true;
    public bool QuestionnaireReminders { get; private set; } = true;
    /// <summary>"You have a new message in your portal" (issue 31); the message itself never travels by email.</summary>
    public bool Messages { get; private set; } = true;
    public TimeOnly? QuietHoursStart { get; private set; }
    public TimeOnly? QuietHoursEnd { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static NotificationPreferences Default(Guid partnerId) => new() { PartnerId = partnerId };

    public void Choose(bool appointmentReminders, bool homeworkNudges, bool questionnaireReminders, TimeOnly? quietStart,
        TimeOnly? quietEnd, DateTimeOffset now)
    {
        if ((quietStart is null) != (quietEnd is null))
            throw DomainRuleException.Invalid(quietStart is null ? "quietHoursStart" : "quietHoursEnd", "Quiet hours need both a start and an end.");
        if (quietStart is not null && quietStart == quietEnd)
            throw DomainRuleException.Invalid("quietHoursEnd", "Quiet hours cannot start and end at the same time.");
        AppointmentReminders = appointmentReminders;
        HomeworkNudges = homeworkNudges;
        QuestionnaireReminders = questionnaireReminders;
        QuietHoursStart = quietStart;
        QuietHoursEnd = quietEnd;
        UpdatedAt = now;
    }

    public void ChooseMessages(bool messages, DateTimeOffset now)
    {
        Messages = messages;
        UpdatedAt = now;
    }

    public bool Wants(ReminderChoice choice) => choice switch
    {
        ReminderChoice.AppointmentReminders => AppointmentReminders,
        ReminderChoice.HomeworkNudges => HomeworkNudges,
        ReminderChoice.QuestionnaireReminders => QuestionnaireReminders,
        _ => true,
    };

    public void TurnOff(ReminderChoice choice, DateTimeOffset now)
    {
        switch (choice)
        {
            case ReminderChoice.AppointmentReminders: AppointmentReminders = false; break;
            case ReminderChoice.HomeworkNudges: HomeworkNudges = false; break;
            case ReminderChoice.QuestionnaireReminders: QuestionnaireReminders = false; break;
        }
        UpdatedAt = now;
    }

    /// <summary>
    /// When a message due at local time <paramref name="local"/> may go: then, or the end of the
    /// quiet hours it falls in. Quiet hours may run over midnight (22:00–07:00).
    /// </summary>
    public DateTime NotBefore(DateTime local)
    {
        if (QuietHoursStart is not { } start || QuietHoursEnd is not { } end) return local;
        var time = TimeOnly.FromDateTime(local);
        var day = local.Date;
        if (start < end)
            return time >= start && time < end ? day.Add(end.ToTimeSpan()) : local;
        // Over midnight: quiet from start to 24:00 and from 00:00 to end.
        if (time >= start) return day.AddDays(1).Add(end.ToTimeSpan());
        if (time < end) return day.Add(end.ToTimeSpan());
        return local;
    }
}
