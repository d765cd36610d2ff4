using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.CycleMaps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class CycleMapConfiguration : IEntityTypeConfiguration<CycleMap>
{
    public void Configure(EntityTypeBuilder<CycleMap> builder)
    {
        builder.ToTable("cycle_maps");
        builder.HasKey(m => m.CoupleId);
        builder.Property(m => m.CoupleId).ValueGeneratedNever();
        // The version a save names is also the row's guard: two saves from version n cannot both win.
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsShared);
        builder.HasOne<Couple>().WithOne().HasForeignKey<CycleMap>(m => m.CoupleId);
    }
}

internal sealed class CycleMapVersionConfiguration : IEntityTypeConfiguration<CycleMapVersion>
{
    public void Configure(EntityTypeBuilder<CycleMapVersion> builder)
    {
        builder.ToTable("cycle_map_versions");
        builder.HasKey(v => new { v.CoupleId, v.Version });
        builder.Property(v => v.SavedByName).HasMaxLength(210);
        builder.HasOne<CycleMap>().WithMany().HasForeignKey(v => v.CoupleId);
        builder.Navigation(v => v.Sides).HasField("_sides").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(v => v.Sides, side =>
        {
            side.ToTable("cycle_map_sides");
            side.WithOwner().HasForeignKey("CoupleId", "Version");
            side.HasKey("CoupleId", "Version", nameof(CycleMapSide.PartnerId));
            side.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId);
        });
    }
}
