using System.Text.Json;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("assessments");
        builder.Property(a => a.InstrumentCode).HasMaxLength(40);
        builder.Property(a => a.Source).HasConversion(new SnakeCaseEnumConverter<AssessmentSource>());
        builder.Property(a => a.Quadrant).HasConversion(new SnakeCaseEnumConverter<AttachmentQuadrant>());
        // Item id → answer as jsonb text: readable in SQL, and no dynamic-JSON switch on the data source.
        builder.Property(a => a.Responses).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<Dictionary<string, int>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, int>(),
            new ValueComparer<Dictionary<string, int>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)),
                v => new Dictionary<string, int>(v)));
        builder.HasOne<Couple>().WithMany().HasForeignKey(a => a.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId);
        builder.HasIndex(a => new { a.CoupleId, a.AdministeredOn });
        builder.HasIndex(a => a.QuestionnaireRequestId).IsUnique();
    }
}

internal sealed class QuestionnaireRequestConfiguration : IEntityTypeConfiguration<QuestionnaireRequest>
{
    public void Configure(EntityTypeBuilder<QuestionnaireRequest> builder)
    {
        builder.ToTable("questionnaire_requests");
        builder.Property(r => r.Instrument).HasMaxLength(40);
        builder.Property(r => r.Status).HasConversion(new SnakeCaseEnumConverter<QuestionnaireStatus>());
        builder.Property(r => r.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(r => r.IsPending);
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId);
        builder.HasIndex(r => new { r.PartnerId, r.Status });
        builder.HasIndex(r => new { r.CoupleId, r.Status });
    }
}
