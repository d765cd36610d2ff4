using Clinic.Api.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class RetentionConfiguration : IEntityTypeConfiguration<CoupleRetention>
{
    public void Configure(EntityTypeBuilder<CoupleRetention> builder)
    {
        builder.ToTable("couple_retention");
        builder.HasKey(r => r.CoupleId);
        builder.Property(r => r.HoldReason).HasMaxLength(CoupleRetention.MaxReasonLength);
        builder.Property(r => r.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
    }
}
