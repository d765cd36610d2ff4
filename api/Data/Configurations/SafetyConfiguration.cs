using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class SafetyCheckRequestConfiguration : IEntityTypeConfiguration<SafetyCheckRequest>
{
    public void Configure(EntityTypeBuilder<SafetyCheckRequest> builder)
    {
        builder.ToTable("safety_checks");
        builder.Property(c => c.Reason).HasConversion(new SnakeCaseEnumConverter<SafetyCheckReason>());
        builder.Property(c => c.Status).HasConversion(new SnakeCaseEnumConverter<SafetyCheckStatus>());
        builder.Property(c => c.Answers).HasColumnType("jsonb");
        builder.Ignore(c => c.IsPending);
        builder.HasOne<Couple>().WithMany().HasForeignKey(c => c.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId);
    }
}

internal sealed class SafetyFlagConfiguration : IEntityTypeConfiguration<SafetyFlag>
{
    public void Configure(EntityTypeBuilder<SafetyFlag> builder)
    {
        builder.ToTable("safety_flags");
        builder.Property(f => f.Status).HasConversion(new SnakeCaseEnumConverter<SafetyFlagStatus>());
        builder.Property(f => f.Answers).HasColumnType("jsonb");
        builder.Ignore(f => f.IsOpen);
        builder.HasOne<Couple>().WithMany().HasForeignKey(f => f.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(f => f.PartnerId);
        builder.HasOne<SafetyCheckRequest>().WithOne().HasForeignKey<SafetyFlag>(f => f.SafetyCheckId);
        builder.HasOne<Assessment>().WithOne().HasForeignKey<SafetyFlag>(f => f.AssessmentId);
    }
}

internal sealed class RiskRecordConfiguration : IEntityTypeConfiguration<RiskRecord>
{
    public void Configure(EntityTypeBuilder<RiskRecord> builder)
    {
        builder.ToTable("risk_records");
        builder.Property(r => r.Violence).HasConversion(new SnakeCaseEnumConverter<ViolenceLevel>());
        builder.Property(r => r.SelfHarmRisk).HasConversion(new SnakeCaseEnumConverter<SelfHarmRisk>());
        builder.Property(r => r.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.HasIndex(r => r.PartnerId).IsUnique();
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<Partner>().WithOne().HasForeignKey<RiskRecord>(r => r.PartnerId);
    }
}

internal sealed class RiskRecordRevisionConfiguration : IEntityTypeConfiguration<RiskRecordRevision>
{
    public void Configure(EntityTypeBuilder<RiskRecordRevision> builder)
    {
        builder.ToTable("risk_record_revisions");
        builder.Property(r => r.Violence).HasConversion(new SnakeCaseEnumConverter<ViolenceLevel>());
        builder.Property(r => r.SelfHarmRisk).HasConversion(new SnakeCaseEnumConverter<SelfHarmRisk>());
        builder.HasOne<RiskRecord>().WithMany().HasForeignKey(r => r.RiskRecordId);
        builder.HasIndex(r => new { r.RiskRecordId, r.Revision }).IsUnique();
    }
}
