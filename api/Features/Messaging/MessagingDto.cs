using Clinic.Api.Domain.Messaging;
using Clinic.Api.Features.Practice;

namespace Clinic.Api.Features.Messaging;

/// <param name="PartnerId">The partner of a private thread; null for the joint thread.</param>
/// <param name="PartnerName">That partner's first name (the caller's own name in the portal).</param>
/// <param name="UnreadCount">Messages from the others after the caller's read marker.</param>
/// <param name="LastSeq">The newest message's seq (0 while the thread is empty): send it to <c>read</c> to mark all read.</param>
/// <param name="SafetyFlagOpen">For the therapist: the private thread's partner has an open safety flag. Always null in the portal.</param>
public sealed record ThreadDto(Guid Id, Guid CoupleId, ThreadKind Kind, Guid? PartnerId, string? PartnerName, int UnreadCount,
    DateTimeOffset? LastMessageAt, long LastSeq, long ReadUpTo,
    // Left out of portal answers altogether: a therapist-only fact, not even its name.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    bool? SafetyFlagOpen);

/// <param name="CoupleName">The couple's display name for the therapist; null in the portal (it names the other partner).</param>
/// <param name="MessagingEnabled">Whether the practice takes new messages at all (its admin's setting).</param>
/// <param name="CoupleClosed">A closed couple's threads are kept and readable but take no new message.</param>
/// <param name="Notice">The practice's notice shown above every thread: when messages are read, not for emergencies.</param>
/// <param name="CrisisResources">Who to call in a crisis, shown with the notice.</param>
public sealed record ThreadListDto(Guid CoupleId, string? CoupleName, bool MessagingEnabled, bool CoupleClosed, string Notice,
    CrisisResourcesDto CrisisResources, IReadOnlyList<ThreadDto> Items);

public enum MessageAuthorRole { Therapist, Partner }

/// <param name="Seq">The message's place in its thread: newer is larger; the paging cursor.</param>
/// <param name="Mine">Written by the caller.</param>
/// <param name="AuthorName">In the portal the other partner is "Your partner": no portal answer carries their name.</param>
public sealed record MessageDto(Guid Id, long Seq, Guid ThreadId, Guid CoupleId, MessageAuthorRole AuthorRole, Guid? AuthorPartnerId,
    string AuthorName, bool Mine, string Body, DateTimeOffset CreatedAt);

/// <summary>How far another person of the thread has read it (a read receipt).</summary>
public sealed record ReadMarkerDto(MessageAuthorRole Role, Guid? PartnerId, string Name, long UpToSeq, DateTimeOffset ReadAt);

/// <param name="Items">Newest first.</param>
/// <param name="NextBefore">Send as <c>before</c> for the older page; null when there is none.</param>
/// <param name="NextAfter">With <c>after</c>: send as <c>after</c> for the next newer page; null when this reached the newest.</param>
public sealed record MessagePageDto(Guid ThreadId, IReadOnlyList<MessageDto> Items, long? NextBefore, long? NextAfter,
    IReadOnlyList<ReadMarkerDto> ReadMarkers);

/// <param name="UpToSeq">The caller's marker now (it never moves back).</param>
public sealed record ReadStateDto(Guid ThreadId, long UpToSeq, int UnreadCount);

/// <param name="OldestUnreadAt">When the oldest unread message came: the inbox lists the longest-waiting first.</param>
public sealed record InboxItemDto(Guid ThreadId, Guid CoupleId, string CoupleName, ThreadKind Kind, Guid? PartnerId, string? PartnerName,
    int UnreadCount, DateTimeOffset OldestUnreadAt, DateTimeOffset LastMessageAt, bool SafetyFlagOpen);

public sealed record InboxDto(int UnreadCount, IReadOnlyList<InboxItemDto> Items);
