using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.Supervision;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class SupervisionLinkConfiguration : IEntityTypeConfiguration<SupervisionLink>
{
    public void Configure(EntityTypeBuilder<SupervisionLink> builder)
    {
        builder.ToTable("supervision_links");
        builder.Property(l => l.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.SuperviseeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.SupervisorId);
        builder.HasIndex(l => l.SuperviseeId);
    }
}

internal sealed class SupervisionCommentConfiguration : IEntityTypeConfiguration<SupervisionComment>
{
    public void Configure(EntityTypeBuilder<SupervisionComment> builder)
    {
        builder.ToTable("supervision_comments");
        builder.Property(c => c.AuthorName).HasMaxLength(210);
        builder.Property(c => c.Text).HasMaxLength(SupervisionComment.MaxLength);
        builder.Property(c => c.AuthorRole).HasConversion(new SnakeCaseEnumConverter<SupervisionCommentRole>()).HasMaxLength(20);
        builder.HasOne<Session>().WithMany().HasForeignKey(c => c.SessionId);
        builder.HasOne<Couple>().WithMany().HasForeignKey(c => c.CoupleId);
        builder.HasOne<SupervisionLink>().WithMany().HasForeignKey(c => c.LinkId);
        builder.HasIndex(c => new { c.SessionId, c.CreatedAt });
    }
}

internal sealed class SupervisionMeetingConfiguration : IEntityTypeConfiguration<SupervisionMeeting>
{
    public void Configure(EntityTypeBuilder<SupervisionMeeting> builder)
    {
        builder.ToTable("supervision_meetings");
        builder.Property(m => m.Format).HasConversion(new SnakeCaseEnumConverter<SupervisionMeetingFormat>()).HasMaxLength(20);
        builder.Property(m => m.Notes).HasMaxLength(SupervisionMeeting.MaxNotesLength);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.TherapistId, m.MetOn });
        builder.HasMany(m => m.Couples).WithOne().HasForeignKey(c => c.MeetingId);
        builder.Navigation(m => m.Couples).HasField("_couples").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SupervisionMeetingCoupleConfiguration : IEntityTypeConfiguration<SupervisionMeetingCouple>
{
    public void Configure(EntityTypeBuilder<SupervisionMeetingCouple> builder)
    {
        builder.ToTable("supervision_meeting_couples");
        builder.HasKey(c => new { c.MeetingId, c.CoupleId });
        builder.HasOne<Couple>().WithMany().HasForeignKey(c => c.CoupleId);
        builder.HasIndex(c => c.CoupleId);
    }
}
