using Clinic.Api.Domain.Conceptualisations;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class CaseConceptualisationConfiguration : IEntityTypeConfiguration<CaseConceptualisation>
{
    public void Configure(EntityTypeBuilder<CaseConceptualisation> builder)
    {
        builder.ToTable("case_conceptualisations");
        builder.HasKey(c => c.CoupleId);
        builder.Property(c => c.CoupleId).ValueGeneratedNever();
        // The version a save names is also the row's guard: two saves from version n cannot both win.
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Couple>().WithOne().HasForeignKey<CaseConceptualisation>(c => c.CoupleId);
    }
}

internal sealed class CaseConceptualisationVersionConfiguration : IEntityTypeConfiguration<CaseConceptualisationVersion>
{
    public void Configure(EntityTypeBuilder<CaseConceptualisationVersion> builder)
    {
        builder.ToTable("case_conceptualisation_versions");
        builder.HasKey(v => new { v.CoupleId, v.Version });
        foreach (var text in new[] { "PresentingConcerns", "Attachment", "Cycle", "Progress", "ChangeEvents", "TangoMoves", "Measures", "Goals", "Formulation" })
            builder.Property<string>(text).HasMaxLength(ConceptualisationSections.MaxLength);
        builder.Property(v => v.SavedByName).HasMaxLength(210);
        builder.Ignore(v => v.Sections);
        builder.HasOne<CaseConceptualisation>().WithMany().HasForeignKey(v => v.CoupleId);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.SavedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
