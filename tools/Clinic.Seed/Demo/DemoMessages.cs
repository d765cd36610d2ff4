using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

public sealed record DemoMessagesFile(List<DemoCoupleMessages> Couples)
{
    [System.Text.Json.Serialization.JsonPropertyName("_comment")] public string? Comment { get; init; }
}

/// <param name="Threads">"joint", "a" (partner A's private thread), "b".</param>
public sealed record DemoCoupleMessages(string Couple, Dictionary<string, DemoThread> Threads);

/// <param name="ReadBy">Who has read the whole thread ("therapist", "a", "b"); everyone else has read up to their own last message.</param>
public sealed record DemoThread(List<DemoMessage> Messages, List<string>? ReadBy = null);

public sealed record DemoMessage(string From, int DaysAgo, string Time, string Body);

/// <summary>
/// Message history for a few demo couples from seeds/demo/messages.json (issue 31 item 8), written through the domain
/// (<see cref="Message.Write"/>) with stable ids, and each reader's marker set as sending would have set it, so some
/// threads are unread for the therapist or a partner. A couple that already has messages is left as it is (a second
/// load changes nothing); no email is sent.
/// </summary>
internal sealed class DemoMessages(ClinicDbContext db, ILogger<DemoMessages> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public async Task<int> LoadAsync(string demoDirectory, DateOnly today, CancellationToken ct = default)
    {
        var path = Path.Combine(demoDirectory, "messages.json");
        var file = JsonSerializer.Deserialize<DemoMessagesFile>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException("seeds/demo/messages.json is empty.");
        var written = 0;
        foreach (var spec in file.Couples)
        {
            var couple = await db.Couples.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == SeedIds.For($"demo/couple/{spec.Couple}"), ct);
            if (couple is null || await db.Messages.AnyAsync(m => m.CoupleId == couple.Id, ct)) continue;
            var therapistName = await db.Users.Where(u => u.Id == couple.TherapistId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleAsync(ct);
            await MessageQueries.EnsureThreadsAsync(db, couple.Id, SeedIds.At(today.AddDays(-30)), ct);
            var threads = await db.MessageThreads.Where(t => t.CoupleId == couple.Id).ToListAsync(ct);
            foreach (var (key, thread) in spec.Threads)
            {
                var target = key switch
                {
                    "joint" => threads.Single(t => t.Kind == ThreadKind.Joint),
                    "a" => threads.Single(t => t.PartnerId == couple.PartnerA.Id),
                    "b" => threads.Single(t => t.PartnerId == couple.PartnerB.Id),
                    _ => throw new InvalidDataException($"Couple {spec.Couple}: unknown thread '{key}' (joint, a or b)."),
                };
                written += await WriteThreadAsync(spec.Couple, key, couple, therapistName, target, thread, today, ct);
            }
        }
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo messages: {Messages} written", written);
        return written;
    }

    private async Task<int> WriteThreadAsync(string coupleKey, string threadKey, Couple couple, string therapistName, MessageThread thread,
        DemoThread spec, DateOnly today, CancellationToken ct)
    {
        var written = new List<(string From, Message Message)>();
        foreach (var (m, i) in spec.Messages.Select((m, i) => (m, i)))
        {
            Partner? partner = m.From switch { "a" => couple.PartnerA, "b" => couple.PartnerB, "therapist" => null,
                _ => throw new InvalidDataException($"Couple {coupleKey}: unknown author '{m.From}'.") };
            if (partner is not null && !thread.Includes(partner.Id))
                throw new InvalidDataException($"Couple {coupleKey}: partner {m.From} cannot write in thread '{threadKey}'.");
            if (partner is { UserId: null }) throw new InvalidDataException($"Couple {coupleKey}: partner {m.From} has no portal account to write with.");
            var at = SeedIds.At(today.AddDays(-m.DaysAgo), TimeOnly.Parse(m.Time, System.Globalization.CultureInfo.InvariantCulture));
            var message = Message.Write(thread, partner?.UserId ?? couple.TherapistId, partner?.Id, partner?.FirstName ?? therapistName, m.Body, at);
            SeedIds.Stamp(message, SeedIds.For($"demo/couple/{coupleKey}/thread/{threadKey}/message/{i}"));
            db.Messages.Add(message);
            await db.SaveChangesAsync(ct); // one at a time, so seq follows the file's order
            written.Add((m.From, message));
        }
        if (written.Count == 0) return 0;
        var readers = new List<(string Who, Guid? UserId)> { ("therapist", couple.TherapistId) };
        if (thread.Kind == ThreadKind.Joint || thread.PartnerId == couple.PartnerA.Id) readers.Add(("a", couple.PartnerA.UserId));
        if (thread.Kind == ThreadKind.Joint || thread.PartnerId == couple.PartnerB.Id) readers.Add(("b", couple.PartnerB.UserId));
        foreach (var (who, userId) in readers)
        {
            if (userId is null) continue;
            var upTo = spec.ReadBy?.Contains(who) == true ? written[^1] : written.LastOrDefault(w => w.From == who);
            if (upTo.Message is null) continue;
            await MessageQueries.MarkReadAsync(db, thread, userId.Value, upTo.Message.Seq, upTo.Message.CreatedAt, ct);
        }
        return written.Count;
    }
}
