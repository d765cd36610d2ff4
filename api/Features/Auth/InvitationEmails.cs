using Clinic.Api.Infrastructure.Email;

namespace Clinic.Api.Features.Auth;

/// <summary>The invitation emails: security emails, sent whatever anyone's preferences, and the link works once, for 72 hours.</summary>
internal static class InvitationEmails
{
    public static string Link(EmailWriter writer, string token) => $"{writer.PublicUrl}/invite?token={token}";

    public static EmailText Portal(EmailWriter writer, string token) => new(
        $"Your invitation to the {writer.PracticeName} client portal",
        [$"{writer.PracticeName} has invited you to its client portal, where you can see your appointments and what your therapist shares with you.",
         "Choose your password with the link below to get started. The link works once, for 72 hours.",
         "If you were not expecting this, you can ignore this email."],
        "Choose your password", Link(writer, token));

    public static EmailText Therapist(EmailWriter writer, string token) => new(
        $"Your account at {writer.PracticeName}",
        [$"An account has been made for you at {writer.PracticeName}.",
         "Choose your password with the link below; it works once, for 72 hours. Then sign in to see your caseload."],
        "Choose your password", Link(writer, token));
}
