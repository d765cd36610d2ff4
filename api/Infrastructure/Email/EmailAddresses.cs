using FluentValidation;
using MimeKit;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>
/// Only deliverable addresses are stored (issue 26): a partner's, therapist's or admin's email must be one
/// bare mailbox as MimeKit reads it — no display name ("Sam &lt;sam@x.y&gt;"), no group, no CR, LF, space or
/// other control character — so what is stored is exactly what the sender can put in a To: header.
/// </summary>
public static class EmailAddresses
{
    public const string NotDeliverable = "Give one email address, like name@example.com, with no name, spaces or line breaks.";

    public static bool IsDeliverable(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 256) return false;
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return false;
        if (!MailboxAddress.TryParse(ParserOptions.Default, value, out var mailbox)) return false;
        return string.IsNullOrEmpty(mailbox.Name) && mailbox.Route.Count == 0 &&
               string.Equals(mailbox.Address, value, StringComparison.Ordinal) &&
               mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1 && mailbox.Domain.Contains('.');
    }

    /// <summary>The FluentValidation rule: trims nothing, so " a@b.c" is named as it was sent.</summary>
    public static IRuleBuilderOptions<T, string?> DeliverableEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(256).Must(v => IsDeliverable(v?.Trim())).WithMessage(NotDeliverable);
}
