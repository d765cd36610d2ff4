namespace Clinic.Api.Infrastructure.Auth;

public enum AuthenticationFailure
{
    /// <summary>Unknown email, wrong password, locked or inactive account: one answer for all.</summary>
    Credentials,
    /// <summary>The password was right and a code from the authenticator app is needed.</summary>
    MfaRequired,
    /// <summary>The password was right, and the client's couple has been closed: the portal is shut.</summary>
    PortalClosed,
}

/// <summary>
/// Sign-in did not succeed. The message never says whether the email exists, the password was
/// wrong or the account is locked; the other answers come only after the right password.
/// </summary>
public sealed class AuthenticationFailedException(AuthenticationFailure failure = AuthenticationFailure.Credentials)
    : Exception(failure switch
    {
        AuthenticationFailure.MfaRequired => "Enter the code from your authenticator app.",
        AuthenticationFailure.PortalClosed =>
            "Your therapist has closed this portal, so it can no longer be opened. What you wrote is kept; contact the practice if you need it.",
        _ => "The email or password is incorrect, or the account is locked.",
    })
{
    public AuthenticationFailure Failure { get; } = failure;
}
