namespace Clinic.Api.Domain.Email;

/// <summary>
/// What an email is, in the delivery log and to the sender. The names never say more than the
/// email itself does: a check-in, a questionnaire and new homework are all <see cref="PortalNews"/>.
/// </summary>
public static class MessageKinds
{
    public const string PortalInvitation = "portal_invitation";
    public const string TherapistInvitation = "therapist_invitation";
    public const string PasswordReset = "password_reset";
    /// <summary>To a portal account's old address when its sign-in email is corrected: the address's owner is told, nothing more.</summary>
    public const string SignInEmailChanged = "sign_in_email_changed";
    /// <summary>To a corrected sign-in address: follow the link to sign in with it from now on (issue 26).</summary>
    public const string SignInEmailConfirm = "sign_in_email_confirm";
    /// <summary>To a corrected address that already signs in to Clinic: its owner is told, and nothing changes.</summary>
    public const string SignInEmailTaken = "sign_in_email_taken";
    public const string AppointmentBooked = "appointment_booked";
    public const string AppointmentMoved = "appointment_moved";
    public const string AppointmentCancelled = "appointment_cancelled";
    public const string AppointmentReminder = "appointment_reminder";
    public const string HomeworkNudge = "homework_nudge";
    public const string QuestionnaireReminder = "questionnaire_reminder";
    /// <summary>To the therapist: a client booked, moved or cancelled through the portal (with the calendar file).</summary>
    public const string ClientBooked = "client_booked";
    public const string ClientMoved = "client_moved";
    public const string ClientCancelled = "client_cancelled";
    /// <summary>To the therapist: a time both partners agreed to waits for their approval.</summary>
    public const string BookingRequest = "booking_request";
    /// <summary>To both partners of a couple on the waitlist: a time is offered, with a single-use link to accept it.</summary>
    public const string WaitlistOffer = "waitlist_offer";
    /// <summary>"You have something new in your portal": the one neutral notice for anything new.</summary>
    public const string PortalNews = "portal_news";
    /// <summary>"You have a new message in your portal": no sender, no text, at most one per thread and reader in 15 minutes (issue 31).</summary>
    public const string NewMessage = "new_message";
    /// <summary>To a therapist who chose a daily digest: how many unread messages wait, in how many threads; nothing else (issue 31).</summary>
    public const string MessageDigest = "message_digest";

    /// <summary>Security emails go whenever asked for: no preference or quiet hours hold them back.</summary>
    public static bool IsSecurity(string kind) => kind is PortalInvitation or TherapistInvitation or PasswordReset or SignInEmailChanged
        or SignInEmailConfirm or SignInEmailTaken;
}
