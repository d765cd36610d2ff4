using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace Clinic.Api.Infrastructure.Auth;

public static class Policies
{
    public const string Admin = "admin";
    public const string Therapist = "therapist";
    public const string Client = "client";
    public const string Authenticated = "authenticated";
    /// <summary>Therapists and admins: the roles that can enrol TOTP.</summary>
    public const string Staff = "staff";
    /// <summary>Staff, including a session limited to MFA enrolment (see <see cref="ClinicClaims.MfaEnrolmentOnly"/>).</summary>
    public const string MfaEnrolment = "mfa_enrolment";
    /// <summary>Any signed-in session, including one limited to MFA enrolment: who am I, sign out.</summary>
    public const string AnySession = "any_session";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => Full(p).RequireClaim(ClinicClaims.Role, Roles.Admin));
        options.AddPolicy(Therapist, p => Full(p).RequireClaim(ClinicClaims.Role, Roles.Therapist));
        options.AddPolicy(Client, p => Full(p).RequireClaim(ClinicClaims.Role, Roles.Client).RequireClaim(ClinicClaims.Partner));
        options.AddPolicy(Authenticated, p => Full(p));
        options.AddPolicy(Staff, p => Full(p).RequireClaim(ClinicClaims.Role, Roles.Therapist, Roles.Admin));
        options.AddPolicy(MfaEnrolment, p => p.RequireAuthenticatedUser().RequireClaim(ClinicClaims.Role, Roles.Therapist, Roles.Admin));
        options.AddPolicy(AnySession, p => p.RequireAuthenticatedUser());
        // Every endpoint must name its policy or be listed as anonymous; this catches the ones that forget.
        options.FallbackPolicy = options.GetPolicy(Authenticated);
    }

    /// <summary>A full session: signed in, and not limited to MFA enrolment.</summary>
    private static AuthorizationPolicyBuilder Full(AuthorizationPolicyBuilder p) => p.RequireAuthenticatedUser()
        .RequireAssertion(c => !c.User.HasClaim(ClinicClaims.MfaEnrolmentOnly, "true"));
}
