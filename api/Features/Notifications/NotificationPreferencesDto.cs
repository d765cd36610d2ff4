namespace Clinic.Api.Features.Notifications;

/// <param name="Messages">"You have a new message in your portal" after a message in one of my threads (never its text).</param>
/// <param name="QuietHoursStart">Local time ("22:00") in <paramref name="TimeZone"/> from which no reminder or notice is sent; null for none.</param>
public sealed record NotificationPreferencesDto(bool AppointmentReminders, bool HomeworkNudges, bool QuestionnaireReminders, bool Messages,
    TimeOnly? QuietHoursStart, TimeOnly? QuietHoursEnd, string TimeZone);
