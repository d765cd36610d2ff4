using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using Clinic.Api.Infrastructure.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Notifications;

public sealed record UpdateNotificationPreferencesCommand(bool? AppointmentReminders, bool? HomeworkNudges, bool? QuestionnaireReminders,
    TimeOnly? QuietHoursStart, TimeOnly? QuietHoursEnd) : IRequest<NotificationPreferencesDto>, IAcceptsReadBody
{
    /// <summary>The new-message notice; left out keeps the choice as it is.</summary>
    public bool? Messages { get; init; }

    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class UpdateNotificationPreferencesValidator : AbstractValidator<UpdateNotificationPreferencesCommand>
{
    public UpdateNotificationPreferencesValidator()
    {
        RuleFor(c => c.AppointmentReminders).NotNull();
        RuleFor(c => c.HomeworkNudges).NotNull();
        RuleFor(c => c.QuestionnaireReminders).NotNull();
        RuleFor(c => c.QuietHoursEnd).NotNull().When(c => c.QuietHoursStart is not null)
            .WithMessage("Quiet hours need an end as well as a start.");
        RuleFor(c => c.QuietHoursStart).NotNull().When(c => c.QuietHoursEnd is not null)
            .WithMessage("Quiet hours need a start as well as an end.");
        RuleFor(c => c.QuietHoursEnd).NotEqual(c => c.QuietHoursStart).When(c => c.QuietHoursStart is not null)
            .WithMessage("Quiet hours cannot start and end at the same time.");
    }
}

/// <summary>
/// A partner chooses which reminders they get and their quiet hours. Invitation and password emails
/// are not among the choices: they only come when someone asks for them.
/// </summary>
internal sealed class UpdateNotificationPreferencesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar) : IRequestHandler<UpdateNotificationPreferencesCommand, NotificationPreferencesDto>
{
    public async Task<NotificationPreferencesDto> Handle(UpdateNotificationPreferencesCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var preferences = await db.NotificationPreferences.AsTracking().SingleOrDefaultAsync(p => p.PartnerId == me.Id, ct);
        if (preferences is null)
        {
            preferences = NotificationPreferences.Default(me.Id);
            db.NotificationPreferences.Add(preferences);
        }
        // The GET's body goes back as it is: timeZone is the practice's, unchanged here (issue 26).
        ReadOnlyMemberCheck.Check(command, GetNotificationPreferencesHandler.Dto(preferences, calendar));
        preferences.Choose(command.AppointmentReminders!.Value, command.HomeworkNudges!.Value, command.QuestionnaireReminders!.Value,
            command.QuietHoursStart, command.QuietHoursEnd, clock.GetUtcNow());
        if (command.Messages is { } messages) preferences.ChooseMessages(messages, clock.GetUtcNow());
        audit.Record("portal.notification_preferences.update", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return GetNotificationPreferencesHandler.Dto(preferences, calendar);
    }
}
