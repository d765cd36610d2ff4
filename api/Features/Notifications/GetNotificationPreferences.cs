using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Notifications;

public sealed record GetNotificationPreferencesQuery : IRequest<NotificationPreferencesDto>;

/// <summary>My reminders and quiet hours; never chosen means every reminder on, no quiet hours.</summary>
internal sealed class GetNotificationPreferencesHandler(ClinicDbContext db, ICurrentUser user, PracticeCalendar calendar)
    : IRequestHandler<GetNotificationPreferencesQuery, NotificationPreferencesDto>
{
    public async Task<NotificationPreferencesDto> Handle(GetNotificationPreferencesQuery query, CancellationToken ct)
    {
        var (me, _) = await db.PortalPartnerAsync(user, ct);
        var preferences = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.PartnerId == me.Id, ct)
                          ?? NotificationPreferences.Default(me.Id);
        return Dto(preferences, calendar);
    }

    public static NotificationPreferencesDto Dto(NotificationPreferences p, PracticeCalendar calendar) =>
        new(p.AppointmentReminders, p.HomeworkNudges, p.QuestionnaireReminders, p.Messages, p.QuietHoursStart, p.QuietHoursEnd, calendar.Zone.Id);
}
