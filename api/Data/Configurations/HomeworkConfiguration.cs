using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class HomeworkAssignmentConfiguration : IEntityTypeConfiguration<HomeworkAssignment>
{
    public void Configure(EntityTypeBuilder<HomeworkAssignment> builder)
    {
        builder.ToTable("homework_assignments");
        builder.Property(a => a.ExerciseCode).HasMaxLength(60);
        builder.Property(a => a.Note).HasMaxLength(HomeworkAssignment.MaxNoteLength);
        builder.Property(a => a.AssignedTo).HasConversion(new SnakeCaseEnumConverter<Assignee>());
        builder.Property(a => a.Status).HasConversion(new SnakeCaseEnumConverter<AssignmentStatus>());
        builder.Property(a => a.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(a => a.IsActive);
        builder.Ignore(a => a.IsJoint);
        builder.HasOne<Couple>().WithMany().HasForeignKey(a => a.CoupleId);
        builder.HasOne<Session>().WithMany().HasForeignKey(a => a.SessionId);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.CreatedBy);
        builder.HasIndex(a => new { a.CoupleId, a.Status });
    }
}

internal sealed class HomeworkEntryConfiguration : IEntityTypeConfiguration<HomeworkEntry>
{
    public void Configure(EntityTypeBuilder<HomeworkEntry> builder)
    {
        builder.ToTable("homework_entries");
        builder.Property(e => e.Role).HasConversion(new SnakeCaseEnumConverter<EntryRole>());
        builder.Property(e => e.Visibility).HasConversion(new SnakeCaseEnumConverter<EntryVisibility>());
        builder.Property(e => e.Fields).HasColumnType("jsonb");
        builder.Ignore(e => e.IsWithdrawn);
        builder.Ignore(e => e.EditableUntil);
        builder.HasOne<HomeworkAssignment>().WithMany().HasForeignKey(e => e.AssignmentId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(e => e.AuthorPartnerId);
        builder.HasIndex(e => new { e.AssignmentId, e.OccurredOn });
        builder.HasIndex(e => e.AuthorPartnerId);
    }
}
