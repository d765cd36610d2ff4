using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using MediatR;

namespace Clinic.Api.Features.Notifications;

internal sealed class NotificationsEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/portal/notification-preferences").WithTags("Portal").RequireAuthorization(Policies.Client);

        preferences.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetNotificationPreferencesQuery(), ct))
            .WithName("GetNotificationPreferences").WithSummary("My reminders and quiet hours.");

        preferences.MapPut("/", (UpdateNotificationPreferencesCommand command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command, ct))
            .WithName("UpdateNotificationPreferences")
            .WithSummary("Choose appointment reminders, homework nudges, questionnaire reminders and quiet hours.");

        // RFC 8058 one-click: a mail client POSTs "List-Unsubscribe=One-Click" here; the web page's link does the same.
        app.MapPost("/api/notifications/unsubscribe", (string? token, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UnsubscribeCommand(token), ct))
            .AllowAnonymous().WithTags("Notifications")
            .WithName("Unsubscribe").WithSummary("Turn one reminder off from the signed link in its email; no sign-in.");
    }
}
