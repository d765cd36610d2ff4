using System.Text;
using Clinic.Api.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Infrastructure.Startup;

/// <summary>
/// Secrets that anyone can read in this repository. Outside Development the app refuses to start
/// with one of them: a published signing key lets anyone mint an admin's token, and a published
/// bootstrap password lets anyone sign in as the first admin.
/// </summary>
public static class PublishedSecrets
{
    /// <summary>Signing keys written in the repository: Development settings, the old compose default, the old test key.</summary>
    public static readonly IReadOnlySet<string> SigningKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "development-only-signing-key-change-me-0123456789",
        "demo-only-signing-key-change-me-0123456789abcdefghij",
        "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    };

    /// <summary>The demo practice's passwords (seeds/demo, README, the synthetic practice).</summary>
    public static readonly IReadOnlySet<string> Passwords = new HashSet<string>(StringComparer.Ordinal)
    {
        "Admin-demo-2026!", "Therapist-demo-2026!", "Client-demo-2026!", "Synthetic-demo-2026!",
    };

    public const string GenerateHint = "Generate one: tools/make-env.sh writes .env for docker compose; openssl rand -base64 48 makes a key.";

    public static void AddPublishedSecretChecks(this IServiceCollection services) =>
        services.AddSingleton<IValidateOptions<JwtOptions>, SigningKeyCheck>()
            .AddSingleton<IValidateOptions<BootstrapAdminOptions>, AdminPasswordCheck>()
            .AddOptions<BootstrapAdminOptions>().ValidateOnStart();

    private sealed class SigningKeyCheck(IHostEnvironment environment) : IValidateOptions<JwtOptions>
    {
        public ValidateOptionsResult Validate(string? name, JwtOptions options)
        {
            if (Encoding.UTF8.GetByteCount(options.SigningKey) < 32)
                return ValidateOptionsResult.Fail("Clinic:Jwt:SigningKey must be at least 32 bytes (set Clinic__Jwt__SigningKey). " + GenerateHint);
            if (!environment.IsDevelopment() && SigningKeys.Contains(options.SigningKey.Trim()))
                return ValidateOptionsResult.Fail("Clinic:Jwt:SigningKey is a value published in the Clinic repository, so anyone could " +
                                                  "sign tokens with it. " + GenerateHint);
            return ValidateOptionsResult.Success;
        }
    }

    private sealed class AdminPasswordCheck(IHostEnvironment environment) : IValidateOptions<BootstrapAdminOptions>
    {
        public ValidateOptionsResult Validate(string? name, BootstrapAdminOptions options) =>
            !environment.IsDevelopment() && options.Password is { } password && Passwords.Contains(password)
                ? ValidateOptionsResult.Fail("Clinic:BootstrapAdmin:Password is a demo password published in the Clinic repository. " +
                                             "Choose another (Clinic__BootstrapAdmin__Password). " + GenerateHint)
                : ValidateOptionsResult.Success;
    }
}
