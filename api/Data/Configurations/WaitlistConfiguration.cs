using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Users;
using Clinic.Api.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("waitlist_entries");
        builder.Property(e => e.PartnerAFirstName).HasMaxLength(100);
        builder.Property(e => e.PartnerALastName).HasMaxLength(100);
        builder.Property(e => e.PartnerAEmail).HasMaxLength(256);
        builder.Property(e => e.PartnerAPhone).HasMaxLength(40);
        builder.Property(e => e.PartnerBFirstName).HasMaxLength(100);
        builder.Property(e => e.PartnerBLastName).HasMaxLength(100);
        builder.Property(e => e.PartnerBEmail).HasMaxLength(256);
        builder.Property(e => e.PartnerBPhone).HasMaxLength(40);
        builder.Property(e => e.HeardFrom).HasMaxLength(WaitlistEntry.MaxHeardFromLength);
        builder.Property(e => e.PreferredDays).HasColumnType("jsonb")
            .HasConversion(JsonList<DayOfWeek>.Converter, JsonList<DayOfWeek>.Comparer);
        builder.Property(e => e.PreferredTimes).HasColumnType("jsonb")
            .HasConversion(JsonList<DayPart>.Converter, JsonList<DayPart>.Comparer);
        builder.Property(e => e.Urgency).HasConversion(new SnakeCaseEnumConverter<WaitlistUrgency>()).HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(WaitlistEntry.MaxReasonLength);
        builder.Property(e => e.Notes).HasMaxLength(WaitlistEntry.MaxNotesLength);
        builder.Property(e => e.Status).HasConversion(new SnakeCaseEnumConverter<WaitlistStatus>()).HasMaxLength(20);
        builder.Property(e => e.OfferTimeZone).HasMaxLength(64);
        builder.Property(e => e.OfferFormat).HasConversion(new SnakeCaseEnumConverter<AppointmentFormat>()).HasMaxLength(20);
        builder.Property(e => e.OfferPolicy).HasConversion(new SnakeCaseEnumConverter<ConfidentialityPolicy>()).HasMaxLength(40);
        builder.Property(e => e.OfferTokenHash).HasMaxLength(64);
        builder.Property(e => e.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(e => e.PartnerA);
        builder.Ignore(e => e.PartnerB);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Couple>().WithMany().HasForeignKey(e => e.CoupleId);
        builder.HasIndex(e => new { e.TherapistId, e.AddedAt });
        builder.HasIndex(e => e.OfferTokenHash).IsUnique();
        builder.HasIndex(e => e.CoupleId);
    }
}
