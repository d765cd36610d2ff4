using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Notifications;

/// <param name="TurnedOff">The reminder that is now off: appointment_reminders, homework_nudges or questionnaire_reminders.</param>
public sealed record UnsubscribedDto(ReminderChoice TurnedOff);

public sealed record UnsubscribeCommand(string? Token) : IRequest<UnsubscribedDto>;

/// <summary>
/// One-click unsubscribe from a reminder email, without signing in: the signed token names the
/// partner and the reminder. Doing it twice changes nothing more.
/// </summary>
internal sealed class UnsubscribeHandler(ClinicDbContext db, UnsubscribeTokens tokens, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<UnsubscribeCommand, UnsubscribedDto>
{
    public async Task<UnsubscribedDto> Handle(UnsubscribeCommand command, CancellationToken ct)
    {
        if (!tokens.TryRead(command.Token, out var partnerId, out var choice)
            || await db.Partners.Where(p => p.Id == partnerId).Select(p => (Guid?)p.CoupleId).SingleOrDefaultAsync(ct) is not { } coupleId)
            throw new FieldValidationException("token", "This unsubscribe link is not valid. Change your reminders in your portal's account page.");

        var preferences = await db.NotificationPreferences.AsTracking().SingleOrDefaultAsync(p => p.PartnerId == partnerId, ct);
        if (preferences is null)
        {
            preferences = NotificationPreferences.Default(partnerId);
            db.NotificationPreferences.Add(preferences);
        }
        preferences.TurnOff(choice, clock.GetUtcNow());
        audit.Record("notifications.unsubscribe", "partner", partnerId, coupleId, AuditOutcome.Allowed,
            Data.SnakeCaseEnumConverter<ReminderChoice>.ToWire(choice));
        await db.SaveChangesAsync(ct);
        return new UnsubscribedDto(choice);
    }
}
