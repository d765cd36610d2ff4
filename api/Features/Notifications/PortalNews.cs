using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Notifications;

/// <summary>
/// "You have something new in your portal" — the one notice for anything a partner is asked to do:
/// new homework, a questionnaire, a check-in. The same subject and the same words whatever it is, so a
/// partner reading the other's mail learns nothing (DESIGN §10). One notice waiting to go is enough:
/// more news before it leaves adds nothing to it.
/// </summary>
internal sealed class PortalNews(ClinicDbContext db, Outbox outbox)
{
    public async Task TellAsync(Partner partner, CancellationToken ct)
    {
        if (partner.UserId is null) return; // no portal yet: the invitation will bring them in
        var waiting = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.PartnerId == partner.Id && e.Entity.Kind == MessageKinds.PortalNews
                                                                          && e.State == EntityState.Added)
                      || await db.OutboxMessages.AnyAsync(m => m.PartnerId == partner.Id && m.Kind == MessageKinds.PortalNews
                                                               && m.Status == DeliveryStatus.Pending, ct);
        if (waiting) return;
        outbox.Send(MessageKinds.PortalNews, partner.Email, Text(outbox.Writer), new Recipients(partner.UserId, partner.Id));
    }

    public static EmailText Text(EmailWriter writer) => new("You have something new in your portal",
        [$"There is something new for you in your {writer.PracticeName} portal.",
         "Sign in when you have a moment to see it."],
        "Open your portal", writer.SignInUrl);
}
