using System.Text.Json;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class PracticeDocumentConfiguration : IEntityTypeConfiguration<PracticeDocument>
{
    public void Configure(EntityTypeBuilder<PracticeDocument> builder)
    {
        builder.ToTable("documents");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion(new SnakeCaseEnumConverter<DocumentKind>()).HasMaxLength(40);
        builder.Property(d => d.Title).HasMaxLength(PracticeDocument.MaxTitle);
        // The version an author read is the row's guard: two publications from version n cannot both win.
        builder.Property(d => d.CurrentVersion).IsConcurrencyToken();
        builder.HasIndex(d => d.Kind).IsUnique();
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId);
        builder.Navigation(d => d.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.CreatedBy);
    }
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> builder)
    {
        builder.ToTable("document_versions");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Title).HasMaxLength(PracticeDocument.MaxTitle);
        builder.Property(v => v.BodySha256).HasColumnName("body_sha256").HasMaxLength(64).IsFixedLength();
        builder.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.PublishedBy);
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("agreements");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion(new SnakeCaseEnumConverter<DocumentKind>()).HasMaxLength(40);
        builder.Property(a => a.Policy).HasConversion(new SnakeCaseEnumConverter<ConfidentialityPolicy>()).HasMaxLength(40);
        builder.Ignore(a => a.IsSuperseded);
        builder.HasOne<Couple>().WithMany().HasForeignKey(a => a.CoupleId);
        builder.HasOne<DocumentVersion>().WithMany().HasForeignKey(a => a.DocumentVersionId);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.SentBy);
        builder.HasMany(a => a.Signatures).WithOne().HasForeignKey(s => s.AgreementId);
        builder.HasMany(a => a.Declines).WithOne().HasForeignKey(d => d.AgreementId);
        builder.Navigation(a => a.Signatures).HasField("_signatures").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Declines).HasField("_declines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(a => new { a.CoupleId, a.Kind });
    }
}

internal sealed class AgreementSignatureConfiguration : IEntityTypeConfiguration<AgreementSignature>
{
    public void Configure(EntityTypeBuilder<AgreementSignature> builder)
    {
        builder.ToTable("agreement_signatures");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Method).HasConversion(new SnakeCaseEnumConverter<SignatureMethod>()).HasMaxLength(20);
        builder.Property(s => s.TypedName).HasMaxLength(200);
        builder.Property(s => s.TextSha256).HasColumnName("text_sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.Property(s => s.PaperNote).HasMaxLength(AgreementSignature.MaxNote);
        builder.HasIndex(s => new { s.AgreementId, s.PartnerId }).IsUnique();
        builder.HasOne<Couple>().WithMany().HasForeignKey(s => s.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.RecordedBy);
    }
}

internal sealed class AgreementDeclineConfiguration : IEntityTypeConfiguration<AgreementDecline>
{
    public void Configure(EntityTypeBuilder<AgreementDecline> builder)
    {
        builder.ToTable("agreement_declines");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Reason).HasMaxLength(AgreementDecline.MaxReason);
        builder.HasOne<Couple>().WithMany().HasForeignKey(d => d.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(d => d.PartnerId);
    }
}

internal sealed class ReleaseConfiguration : IEntityTypeConfiguration<Release>
{
    public void Configure(EntityTypeBuilder<Release> builder)
    {
        builder.ToTable("releases");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Recipient).HasMaxLength(Release.MaxRecipient);
        builder.Property(r => r.Purpose).HasMaxLength(Release.MaxPurpose);
        builder.Property(r => r.RevokeReason).HasMaxLength(Release.MaxReason);
        builder.Property(r => r.Includes).HasColumnType("text[]").HasConversion(
            v => v.Select(c => SnakeCaseEnumConverter<ReleaseContent>.ToWire(c)).ToArray(),
            v => v.Select(SnakeCaseEnumConverter<ReleaseContent>.FromWire).ToList(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<ReleaseContent>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)), v => v.ToList()));
        builder.Property(r => r.TextSha256).HasColumnName("text_sha256").HasMaxLength(64).IsFixedLength();
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.RevokedByPartnerId);
        builder.HasOne<DocumentVersion>().WithMany().HasForeignKey(r => r.DocumentVersionId);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.CreatedBy);
        builder.HasMany(r => r.Signatures).WithOne().HasForeignKey(s => s.ReleaseId);
        builder.Navigation(r => r.Signatures).HasField("_signatures").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReleaseSignatureConfiguration : IEntityTypeConfiguration<ReleaseSignature>
{
    public void Configure(EntityTypeBuilder<ReleaseSignature> builder)
    {
        builder.ToTable("release_signatures");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TypedName).HasMaxLength(200);
        builder.Property(s => s.TextSha256).HasColumnName("text_sha256").HasMaxLength(64).IsFixedLength();
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.HasIndex(s => new { s.ReleaseId, s.PartnerId }).IsUnique();
        builder.HasOne<Couple>().WithMany().HasForeignKey(s => s.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId);
    }
}

internal sealed class PracticeFormConfiguration : IEntityTypeConfiguration<PracticeForm>
{
    public void Configure(EntityTypeBuilder<PracticeForm> builder)
    {
        builder.ToTable("practice_forms");
        builder.HasKey(f => new { f.Code, f.Version });
        builder.Property(f => f.Code).HasMaxLength(60);
        builder.Property(f => f.Title).HasMaxLength(200);
        builder.Property(f => f.Definition).HasColumnType("jsonb");
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.CreatedBy);
    }
}

internal sealed class FormRequestConfiguration : IEntityTypeConfiguration<FormRequest>
{
    public void Configure(EntityTypeBuilder<FormRequest> builder)
    {
        builder.ToTable("form_requests");
        // Ids are made by the domain: an entity reached through a navigation with its id set is new, not one to update.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.FormCode).HasMaxLength(60);
        builder.Property(r => r.Status).HasConversion(new SnakeCaseEnumConverter<FormRequestStatus>()).HasMaxLength(20);
        builder.Property(r => r.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(r => r.IsPending);
        builder.Property(r => r.Draft).HasColumnType("jsonb")
            .HasConversion(JsonText.NullableConverter<JsonElement>(), JsonText.NullableComparer<JsonElement>());
        builder.Property(r => r.Answers).HasColumnType("jsonb")
            .HasConversion(JsonText.NullableConverter<JsonElement>(), JsonText.NullableComparer<JsonElement>());
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RequestedBy);
        builder.HasIndex(r => new { r.PartnerId, r.Status });
        builder.HasIndex(r => r.CoupleId);
    }
}
