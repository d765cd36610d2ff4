namespace Clinic.Api.Features.Drafts;

/// <summary>
/// A kept note (a session draft kept on the server across a sign-out): <c>sessionId</c> null means a new
/// session for the couple. Not an appointment's SessionDraftDto, which prefills a session from its booking.
/// </summary>
public sealed record KeptNoteDto(Guid Id, Guid CoupleId, string CoupleName, Guid? SessionId, string Note,
    DateTimeOffset SavedAt, DateTimeOffset ExpiresAt);
