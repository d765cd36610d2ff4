using Microsoft.AspNetCore.Identity;

namespace Clinic.Api.Domain.Users;

public static class Roles
{
    public const string Admin = "admin";
    public const string Therapist = "therapist";
    public const string Client = "client";

    public static readonly IReadOnlyList<string> All = [Admin, Therapist, Client];
}

public enum UserStatus { Invited, Active, Deactivated }

/// <summary>
/// A person who can sign in. Identity supplies hashing, lockout and TOTP; the role is a single
/// column because every user has exactly one role in a practice.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    private User() { }

    public string Role { get; private set; } = Roles.Client;
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public UserStatus Status { get; private set; }
    public Guid? PartnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>The last authenticator time step accepted: a code is good once (RFC 6238 section 5.2).</summary>
    public long? MfaLastStep { get; private set; }

    /// <summary>A therapist who may supervise others (DESIGN §18); the admin grants and withdraws it.</summary>
    public bool IsSupervisor { get; private set; }

    public void SetSupervisor(bool supervisor)
    {
        if (Role != Roles.Therapist) throw DomainRuleException.Invalid("supervisor", "Only a therapist account can supervise.");
        IsSupervisor = supervisor;
    }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public static User Create(string role, string email, string firstName, string lastName, DateTimeOffset now,
        Guid? partnerId = null) => new()
    {
        Id = Guid.NewGuid(),
        Role = role,
        Email = email.Trim(),
        UserName = email.Trim(),
        FirstName = firstName.Trim(),
        LastName = lastName.Trim(),
        Status = UserStatus.Invited,
        PartnerId = partnerId,
        LockoutEnabled = true,
        CreatedAt = now,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };

    public void Activate()
    {
        if (Status == UserStatus.Deactivated) throw new InvalidOperationException("A deactivated account cannot be activated.");
        Status = UserStatus.Active;
    }

    public void Deactivate(DateTimeOffset now)
    {
        Status = UserStatus.Deactivated;
        DeactivatedAt = now;
    }

    public bool CanSignIn => Status == UserStatus.Active;

    /// <summary>
    /// A portal account whose couple was purged after its retention period (DESIGN §17): closed for good,
    /// and nothing left that names the person — no address, name, password or authenticator. The row
    /// stays because the audit trail refers to its id.
    /// </summary>
    public void CloseAfterPurge(DateTimeOffset now)
    {
        Deactivate(now);
        FirstName = "";
        LastName = "";
        Email = null;
        NormalizedEmail = null;
        UserName = null;
        NormalizedUserName = null;
        PartnerId = null;
        PasswordHash = null;
        PhoneNumber = null;
        TwoFactorEnabled = false;
        MfaLastStep = null;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>
    /// The address a person signs in with moves with their record (a mistyped partner email corrected
    /// by the therapist). The stamp changes too, so anything issued against the old address is void.
    /// </summary>
    public void ChangeSignInEmail(string email, string normalisedEmail)
    {
        Email = email.Trim();
        UserName = email.Trim();
        NormalizedEmail = normalisedEmail;
        NormalizedUserName = normalisedEmail;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }
}
