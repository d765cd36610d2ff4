using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace Clinic.Api.Infrastructure.Auth;

public static class Policies
{
    public const string Admin = "admin";
    public const string Therapist = "therapist";
    public const string Client = "client";
    public const string Authenticated = "authenticated";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(ClinicClaims.Role, Roles.Admin));
        options.AddPolicy(Therapist, p => p.RequireAuthenticatedUser().RequireClaim(ClinicClaims.Role, Roles.Therapist));
        options.AddPolicy(Client, p => p.RequireAuthenticatedUser().RequireClaim(ClinicClaims.Role, Roles.Client)
            .RequireClaim(ClinicClaims.Partner));
        options.AddPolicy(Authenticated, p => p.RequireAuthenticatedUser());
        // Every endpoint must name its policy or be listed as anonymous; this catches the ones that forget.
        options.FallbackPolicy = options.GetPolicy(Authenticated);
    }
}
