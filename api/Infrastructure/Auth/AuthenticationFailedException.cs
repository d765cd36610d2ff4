namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// Sign-in did not succeed. The message never says whether the email exists, the password was
/// wrong or the account is locked.
/// </summary>
public sealed class AuthenticationFailedException(bool mfaRequired = false)
    : Exception(mfaRequired ? "Enter the code from your authenticator app." : "The email or password is incorrect, or the account is locked.")
{
    public bool MfaRequired { get; } = mfaRequired;
}
