using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Role).HasMaxLength(20);
        builder.Property(u => u.FirstName).HasMaxLength(100);
        builder.Property(u => u.LastName).HasMaxLength(100);
        builder.Property(u => u.Status).HasConversion(new SnakeCaseEnumConverter<UserStatus>()).HasMaxLength(20);
        builder.Ignore(u => u.DisplayName);
        builder.Ignore(u => u.CanSignIn);
        // Moved only by TotpTokenProvider's conditional UPDATE. Identity's UpdateAsync marks every
        // property modified, so without this a stale copy of the user would write an older step back.
        builder.Property(u => u.MfaLastStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(u => u.MfaLastStep).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        // The lockout count and end likewise move only by AccountLockout's conditional UPDATEs: a stale
        // copy saved by Identity (a password change, MFA on or off) must not undo a lock or a failure.
        foreach (var property in new[] { builder.Property(u => u.AccessFailedCount).Metadata, builder.Property(u => u.LockoutEnd).Metadata })
        {
            property.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            property.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        }
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasIndex(i => i.TokenHash).IsUnique();
    }
}

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> builder) => builder.ToTable("auth_sessions");
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasIndex(t => t.TokenHash).IsUnique();
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Outcome).HasConversion(new SnakeCaseEnumConverter<AuditOutcome>());
    }
}
