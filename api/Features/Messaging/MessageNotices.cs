using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Messaging;

/// <summary>
/// "You have a new message in your portal" — to the others of a thread after a message: no sender name, no text, no
/// thread kind, so someone reading a partner's mail learns nothing (DESIGN §10, §15). At most one per thread and
/// reader in any <see cref="Every"/> (the outbox throttle: news after one went waits for the window's end, news while
/// one waits rides with it). A partner who turned the <c>messages</c> switch off gets none; quiet hours hold it back
/// (the outbox sender applies them to every mail to a partner).
/// </summary>
internal sealed class MessageNotices(ClinicDbContext db, Outbox outbox)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(15);

    public static Throttle ThrottleFor(Guid threadId, Guid readerUserId) => new($"{MessageKinds.NewMessage}:{threadId:D}:{readerUserId:D}", Every);

    public async Task TellAsync(ReadableThread readable, Guid authorUserId, CancellationToken ct)
    {
        var thread = readable.Thread;
        foreach (var partner in readable.Couple.Partners.Where(p => thread.Includes(p.Id) && p.UserId is not null && p.UserId != authorUserId))
        {
            var preferences = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.PartnerId == partner.Id, ct);
            if (preferences is { Messages: false }) continue;
            await outbox.SendThrottledAsync(MessageKinds.NewMessage, partner.Email, PartnerText(outbox.Writer),
                new Recipients(partner.UserId, partner.Id), ThrottleFor(thread.Id, partner.UserId!.Value), ct);
        }
        var therapistId = readable.Couple.TherapistId;
        if (therapistId == authorUserId) return;
        // A therapist who chose the daily digest hears of it there (MessageDigest), not message by message.
        if (await MessageEmailChoices.ReadAsync(db, therapistId, ct) == MessageEmailDelivery.DailyDigest) return;
        var email = await db.Users.Where(u => u.Id == therapistId && u.Email != null).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (email is null) return;
        await outbox.SendThrottledAsync(MessageKinds.NewMessage, email, TherapistText(outbox.Writer), new Recipients(therapistId),
            ThrottleFor(thread.Id, therapistId), ct);
    }

    public static EmailText PartnerText(EmailWriter writer) => new("You have a new message in your portal",
        [$"There is a new message for you in your {writer.PracticeName} portal.", "Sign in to read it."],
        "Open your portal", writer.SignInUrl);

    public static EmailText TherapistText(EmailWriter writer) => new("You have a new message in Clinic",
        ["A client has sent you a new message. Sign in to read it in your inbox."], "Open Clinic", writer.SignInUrl);
}
