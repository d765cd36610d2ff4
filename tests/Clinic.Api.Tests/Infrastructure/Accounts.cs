using System.Net;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Builders that arrange accounts through the API, as an admin and a therapist would.</summary>
public static class Accounts
{
    public const string Password = "correct-horse-battery";

    public static async Task<(Guid Id, string Email)> CreateTherapistAsync(this ClinicApiFactory factory, string? email = null)
    {
        var admin = await factory.AdminAsync();
        email ??= $"t{Guid.NewGuid():N}"[..12] + "@clinic.test";
        var created = await admin.PostJsonAsync("/api/admin/therapists", new { email, firstName = "Ada", lastName = "Moss" });
        await admin.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/auth/invitations/accept",
            new { token = created["invitationToken"]!.GetValue<string>(), password = Password });
        return (Guid.Parse(created["id"]!.GetValue<string>()), email);
    }

    public static async Task<ApiClient> SignedInTherapistAsync(this ClinicApiFactory factory)
    {
        var (_, email) = await factory.CreateTherapistAsync();
        return await factory.SignInAsync(email, Password);
    }
}
