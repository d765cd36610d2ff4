namespace Clinic.Api.Domain.Sessions;

/// <summary>
/// The unsaved note of a session being edited, kept for its author on the server so that an idle
/// sign-out loses nothing and no clinical text stays in a browser. One per author and per session
/// (or per couple, for a session not yet recorded); it lapses seven days after its last save.
/// </summary>
public sealed class SessionDraft
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private SessionDraft() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid CoupleId { get; private set; }
    /// <summary>Null: a new session for the couple.</summary>
    public Guid? SessionId { get; private set; }
    public string Note { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    public static DateTimeOffset ExpiryFor(DateTimeOffset savedAt) => savedAt + Lifetime;
}
