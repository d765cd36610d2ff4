namespace Clinic.Api.Features.Drafts;

/// <summary>A kept note: <c>sessionId</c> null means a new session for the couple.</summary>
public sealed record SessionDraftDto(Guid Id, Guid CoupleId, string CoupleName, Guid? SessionId, string Note,
    DateTimeOffset SavedAt, DateTimeOffset ExpiresAt);
