namespace Clinic.Api.Features.Notifications;

/// <param name="QuietHoursStart">Local time ("22:00") in <paramref name="TimeZone"/> from which no reminder or notice is sent; null for none.</param>
public sealed record NotificationPreferencesDto(bool AppointmentReminders, bool HomeworkNudges, bool QuestionnaireReminders,
    TimeOnly? QuietHoursStart, TimeOnly? QuietHoursEnd, string TimeZone);
