using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments");
        builder.Property(a => a.TimeZone).HasMaxLength(64);
        builder.Property(a => a.Attendees).HasConversion(new SnakeCaseEnumConverter<Attendees>());
        builder.Property(a => a.Format).HasConversion(new SnakeCaseEnumConverter<AppointmentFormat>());
        builder.Property(a => a.Status).HasConversion(new SnakeCaseEnumConverter<AppointmentStatus>());
        builder.Property(a => a.VideoLink).HasMaxLength(Appointment.MaxVideoLinkLength);
        builder.Property(a => a.NoteToClients).HasMaxLength(Appointment.MaxNoteLength);
        builder.Property(a => a.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        // The exclusion constraint ex_appointments_therapist_time (migration 0320) is the database's; EF only maps the flag it reads.
        builder.Ignore(a => a.EndsAt);
        builder.Ignore(a => a.IsBooked);
        builder.Ignore(a => a.IsJoint);
        builder.Ignore(a => a.TakesTime);
        builder.HasOne<Couple>().WithMany().HasForeignKey(a => a.CoupleId);
        builder.HasIndex(a => new { a.TherapistId, a.StartsAt });
        builder.HasIndex(a => new { a.CoupleId, a.StartsAt });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.ThrottleKey).HasMaxLength(Throttle.MaxKeyLength);
        builder.Property(m => m.Status).HasConversion(new SnakeCaseEnumConverter<DeliveryStatus>());
        builder.Ignore(m => m.IsPending);
    }
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => p.PartnerId);
    }
}

internal sealed class PasswordResetConfiguration : IEntityTypeConfiguration<PasswordReset>
{
    public void Configure(EntityTypeBuilder<PasswordReset> builder)
    {
        builder.ToTable("password_resets");
        builder.HasIndex(r => r.TokenHash).IsUnique();
    }
}
