using System.Text.Json;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
        builder.Property(a => a.Responses).HasColumnType("jsonb").HasConversion(JsonText.Converter<int>(), JsonText.Comparer<int>());
        builder.Property(a => a.Scores).HasColumnType("jsonb").HasConversion(JsonText.Converter<double>(), JsonText.Comparer<double>());
        builder.Property(a => a.Band).HasMaxLength(40);
        builder.HasOne<Couple>().WithMany().HasForeignKey(a => a.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId);
        builder.HasIndex(a => new { a.CoupleId, a.AdministeredOn });
        builder.HasIndex(a => a.QuestionnaireRequestId).IsUnique();
        builder.HasIndex(a => new { a.PartnerId, a.InstrumentCode, a.AdministeredOn });
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
        builder.Property(r => r.Draft).HasColumnType("jsonb").HasConversion(JsonText.NullableConverter<int>(), JsonText.NullableComparer<int>());
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId);
        builder.HasOne<MeasureSchedule>().WithMany().HasForeignKey(r => r.ScheduleId);
        builder.HasIndex(r => new { r.PartnerId, r.Status });
        builder.HasIndex(r => new { r.CoupleId, r.Status });
        builder.HasIndex(r => new { r.ScheduleId, r.DueOn }).IsUnique();
    }
}

internal sealed class MeasureScheduleConfiguration : IEntityTypeConfiguration<MeasureSchedule>
{
    public void Configure(EntityTypeBuilder<MeasureSchedule> builder)
    {
        builder.ToTable("measure_schedules");
        builder.Property(s => s.Instrument).HasMaxLength(40);
        builder.Ignore(s => s.IsStopped);
        builder.HasOne<Couple>().WithMany().HasForeignKey(s => s.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId);
        builder.HasIndex(s => s.CoupleId);
    }
}

/// <summary>A string-keyed map stored as jsonb text: readable in SQL, and no dynamic-JSON switch on the data source.</summary>
internal static class JsonText
{
    public static ValueConverter<Dictionary<string, T>, string> Converter<T>() => new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, T>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, T>());

    public static ValueConverter<Dictionary<string, T>?, string?> NullableConverter<T>() => new(
        v => v == null ? null : JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => v == null ? null : JsonSerializer.Deserialize<Dictionary<string, T>>(v, (JsonSerializerOptions?)null));

    public static ValueComparer<Dictionary<string, T>> Comparer<T>() => new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)),
        v => new Dictionary<string, T>(v));

    public static ValueComparer<Dictionary<string, T>?> NullableComparer<T>() => new(
        (a, b) => a == null ? b == null : b != null && a.Count == b.Count && !a.Except(b).Any(),
        v => v == null ? 0 : v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)),
        v => v == null ? null : new Dictionary<string, T>(v));
}
