using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class CoupleConfiguration : IEntityTypeConfiguration<Couple>
{
    public void Configure(EntityTypeBuilder<Couple> builder)
    {
        builder.ToTable("couples");
        builder.Property(c => c.Status).HasConversion(new SnakeCaseEnumConverter<CoupleStatus>());
        builder.Property(c => c.DisplayName).HasMaxLength(210);
        builder.Property(c => c.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.HasMany(c => c.Partners).WithOne().HasForeignKey(p => p.CoupleId);
        builder.Navigation(c => c.Partners).HasField("_partners").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.PartnerA);
        builder.Ignore(c => c.PartnerB);
        builder.Ignore(c => c.IsClosed);
        builder.HasIndex(c => new { c.TherapistId, c.Status });
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.ToTable("partners");
        builder.Property(p => p.Label).HasConversion(new SnakeCaseEnumConverter<PartnerLabel>());
        builder.Property(p => p.FirstName).HasMaxLength(100);
        builder.Property(p => p.LastName).HasMaxLength(100);
        builder.Property(p => p.Pronouns).HasMaxLength(40);
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.PendingEmail).HasMaxLength(256);
        builder.HasIndex(p => p.PendingEmailTokenHash).IsUnique().HasFilter("pending_email_token_hash IS NOT NULL");
        builder.Property(p => p.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        // Unique per caseload only (CreateCouple): across caseloads a duplicate must not be revealed.
        builder.HasIndex(p => p.Email);
        builder.HasOne<User>().WithOne().HasForeignKey<Partner>(p => p.UserId);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.Property(s => s.Format).HasConversion(new SnakeCaseEnumConverter<SessionFormat>());
        builder.Property(s => s.Attendance).HasConversion(new SnakeCaseEnumConverter<Attendance>());
        builder.Property(s => s.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(s => s.IsSigned);
        builder.Ignore(s => s.AwaitsCosignature);
        builder.Property(s => s.CosignedByName).HasMaxLength(210);
        builder.Property(s => s.TangoMoves).HasColumnType("jsonb")
            .HasConversion(JsonList<TangoMoveUse>.Converter, JsonList<TangoMoveUse>.Comparer);
        builder.Property(s => s.ExcerptCandidates).HasColumnType("jsonb")
            .HasConversion(JsonList<ExcerptCandidate>.Converter, JsonList<ExcerptCandidate>.Comparer);
        builder.HasOne<Couple>().WithMany().HasForeignKey(s => s.CoupleId);
        builder.HasIndex(s => new { s.CoupleId, s.Date, s.StartTime })
            .IncludeProperties(s => new { s.EftStage, s.EftStep, s.CycleMean });
        builder.HasMany(s => s.Amendments).WithOne().HasForeignKey(a => a.SessionId);
        builder.Navigation(s => s.Amendments).HasField("_amendments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsOne(s => s.Cycle, cycle =>
        {
            cycle.ToTable("cycle_records");
            cycle.WithOwner().HasForeignKey("SessionId");
            cycle.HasKey("SessionId");
            // The snake-case convention names an owned table's key after the owner's key ("id"); the schema says session_id.
            cycle.Property<Guid>("SessionId").HasColumnName("session_id");
            cycle.Ignore(c => c.MeanIntensity);
            cycle.OwnsMany(c => c.Partners, rating =>
            {
                rating.ToTable("cycle_ratings");
                rating.WithOwner().HasForeignKey("SessionId");
                rating.HasKey("SessionId", nameof(CycleRating.PartnerId));
                rating.Property<Guid>("SessionId").HasColumnName("session_id");
                rating.Property(r => r.Position).HasConversion(new SnakeCaseEnumConverter<CyclePosition>());
            });
        });
        builder.Navigation(s => s.Cycle).IsRequired(false);
    }
}

internal sealed class SessionAmendmentConfiguration : IEntityTypeConfiguration<SessionAmendment>
{
    public void Configure(EntityTypeBuilder<SessionAmendment> builder)
    {
        builder.ToTable("session_amendments");
        builder.Property(a => a.AuthorName).HasMaxLength(210);
        builder.Property(a => a.CycleBefore).HasColumnType("jsonb");
        builder.Property(a => a.CycleAfter).HasColumnType("jsonb");
        builder.Ignore(a => a.CorrectsCycle);
    }
}
