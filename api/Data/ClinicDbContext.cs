using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext : IdentityUserContext<User, Guid>
{
    public ClinicDbContext(DbContextOptions<ClinicDbContext> options) : base(options) { }

    /// <summary>For <see cref="ClinicReadDbContext"/>: the same model on another connection.</summary>
    protected ClinicDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Couple> Couples => Set<Couple>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Session> Sessions => Set<Session>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>().ToTable("users");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
    }
}
