using Clinic.Api.Domain.Practice;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class PracticeSettingsConfiguration : IEntityTypeConfiguration<PracticeSettings>
{
    public void Configure(EntityTypeBuilder<PracticeSettings> builder)
    {
        builder.ToTable("practice_settings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Property(s => s.MessagingNotice).HasMaxLength(PracticeSettings.MessagingNoticeMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UpdatedBy);
    }
}
