namespace Clinic.Api.Domain.Users;

/// <summary>
/// What makes a password acceptable, once: length over composition rules (NIST SP 800-63B), so no
/// forced symbols. Identity's options and every form that sets a password (PasswordRules) read it.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    /// <summary>A bound on the hashing work one request can ask for, well above any passphrase.</summary>
    public const int MaximumLength = 256;
    public static readonly string LengthMessage = $"The password must be between {MinimumLength} and {MaximumLength} characters.";
}
