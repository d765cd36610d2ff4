using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Email;

namespace Clinic.Api.Features.Notifications;

/// <summary>
/// "You have something new in your portal" — the one notice for anything a partner is asked to do:
/// new homework, a questionnaire, a check-in. The same subject and the same words whatever it is, so a
/// partner reading the other's mail learns nothing (DESIGN §10). At most one notice per partner in
/// any <see cref="Every"/>: a therapist who assigns homework, asks for a questionnaire and a check-in in
/// one sitting sends one notice, and news after it has gone waits for the end of the window.
/// </summary>
internal sealed class PortalNews(Outbox outbox)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(15);

    public static Throttle ThrottleFor(Guid partnerId) => new($"{MessageKinds.PortalNews}:{partnerId:D}", Every);

    public async Task TellAsync(Partner partner, CancellationToken ct)
    {
        if (partner.UserId is null) return; // no portal yet: the invitation will bring them in
        await outbox.SendThrottledAsync(MessageKinds.PortalNews, partner.Email, Text(outbox.Writer),
            new Recipients(partner.UserId, partner.Id), ThrottleFor(partner.Id), ct);
    }

    public static EmailText Text(EmailWriter writer) => new("You have something new in your portal",
        [$"There is something new for you in your {writer.PracticeName} portal.",
         "Sign in when you have a moment to see it."],
        "Open your portal", writer.SignInUrl);
}
