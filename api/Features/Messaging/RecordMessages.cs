using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Messaging;

/// <summary>A message as the record carries it out of Clinic (progress report, release export): who wrote it, when, what.</summary>
public sealed record RecordMessageDto(long Seq, MessageAuthorRole AuthorRole, string AuthorName, string Body, DateTimeOffset CreatedAt);

/// <param name="PartnerName">The partner of a private thread; null for the joint thread.</param>
/// <param name="Messages">Oldest first, as a record reads.</param>
public sealed record RecordThreadDto(Guid ThreadId, ThreadKind Kind, Guid? PartnerId, string? PartnerName, IReadOnlyList<RecordMessageDto> Messages);

/// <summary>
/// Threads leaving the record (DESIGN §15: "part of reports and releases by choice"). The caller chooses the threads —
/// the therapist for a report, the release's signers for an export — and this reads them whole, oldest first, joint
/// thread before the private ones. The caller audits.
/// </summary>
internal static class RecordMessages
{
    /// <param name="keep">Which messages to carry (a release's period); all when null.</param>
    public static async Task<List<RecordThreadDto>> ReadAsync(ClinicDbContext db, Couple couple, IReadOnlyCollection<MessageThread> threads,
        Func<Message, bool>? keep, CancellationToken ct)
    {
        var ids = threads.Select(t => t.Id).ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => m.CoupleId == couple.Id && ids.Contains(m.ThreadId))
            .OrderBy(m => m.Seq).ToListAsync(ct);
        return threads
            .OrderBy(t => t.Kind == ThreadKind.Joint ? 0 : 1).ThenBy(t => t.PartnerId is { } p ? couple.PartnerById(p).Label : default)
            .Select(t => new RecordThreadDto(t.Id, t.Kind, t.PartnerId, t.PartnerId is { } p ? couple.PartnerById(p).FirstName : null,
                messages.Where(m => m.ThreadId == t.Id && (keep is null || keep(m)))
                    .Select(m => new RecordMessageDto(m.Seq, m.AuthorPartnerId is null ? MessageAuthorRole.Therapist : MessageAuthorRole.Partner,
                        m.AuthorName, m.Body, m.CreatedAt)).ToList()))
            .ToList();
    }
}
