using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class TreatmentPlanConfiguration : IEntityTypeConfiguration<TreatmentPlan>
{
    public void Configure(EntityTypeBuilder<TreatmentPlan> builder)
    {
        builder.ToTable("treatment_plans");
        builder.HasKey(p => p.CoupleId);
        builder.Property(p => p.CoupleId).ValueGeneratedNever();
        // The version a save names is also the row's guard: two saves from version n cannot both win.
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.ReviewDueOn);
        builder.HasOne<Couple>().WithOne().HasForeignKey<TreatmentPlan>(p => p.CoupleId);
    }
}

internal sealed class TreatmentPlanVersionConfiguration : IEntityTypeConfiguration<TreatmentPlanVersion>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanVersion> builder)
    {
        builder.ToTable("treatment_plan_versions");
        builder.HasKey(v => new { v.CoupleId, v.Version });
        builder.Property(v => v.SavedByName).HasMaxLength(210);
        // A goal is only ever read and written with its plan version: one jsonb document each (docs/decisions.md).
        builder.Property(v => v.ProblemStatements).HasColumnType("jsonb")
            .HasConversion(JsonList<string>.Converter, JsonList<string>.Comparer);
        builder.Property(v => v.Goals).HasColumnType("jsonb").HasConversion(JsonList<PlanGoal>.Converter, JsonList<PlanGoal>.Comparer);
        builder.HasOne<TreatmentPlan>().WithMany().HasForeignKey(v => v.CoupleId);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.SavedBy).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TreatmentPlanReviewConfiguration : IEntityTypeConfiguration<TreatmentPlanReview>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanReview> builder)
    {
        builder.ToTable("treatment_plan_reviews");
        builder.Property(r => r.ReviewedByName).HasMaxLength(210);
        builder.Property(r => r.Summary).HasMaxLength(4000);
        builder.Property(r => r.Changes).HasMaxLength(4000);
        builder.HasOne<TreatmentPlan>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<TreatmentPlanVersion>().WithMany().HasForeignKey(r => new { r.CoupleId, r.PlanVersion });
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ReviewedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CoupleId, r.ReviewedAt });
    }
}

internal sealed class TreatmentPlanAgreementConfiguration : IEntityTypeConfiguration<TreatmentPlanAgreement>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanAgreement> builder)
    {
        builder.ToTable("treatment_plan_agreements");
        builder.HasKey(a => new { a.CoupleId, a.Version, a.PartnerId });
        builder.Property(a => a.TypedName).HasMaxLength(200);
        builder.Property(a => a.TextSha256).HasColumnName("text_sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.ClientAddress).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(512);
        builder.HasOne<TreatmentPlanVersion>().WithMany().HasForeignKey(a => new { a.CoupleId, a.Version });
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId);
        builder.HasIndex(a => a.PartnerId);
    }
}

internal sealed class ClosingSummaryConfiguration : IEntityTypeConfiguration<ClosingSummary>
{
    public void Configure(EntityTypeBuilder<ClosingSummary> builder)
    {
        builder.ToTable("closing_summaries");
        builder.HasKey(s => s.CoupleId);
        builder.Property(s => s.CoupleId).ValueGeneratedNever();
        builder.Property(s => s.Reason).HasConversion(new SnakeCaseEnumConverter<ClosingReason>()).HasMaxLength(40);
        builder.Property(s => s.Summary).HasMaxLength(ClosingSummary.MaxSummary);
        builder.Property(s => s.SignedByName).HasMaxLength(210);
        builder.HasOne<Couple>().WithOne().HasForeignKey<ClosingSummary>(s => s.CoupleId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.SignedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
