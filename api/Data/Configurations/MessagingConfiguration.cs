using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> builder)
    {
        builder.ToTable("message_threads");
        builder.Property(t => t.Kind).HasConversion(new SnakeCaseEnumConverter<ThreadKind>()).HasMaxLength(20);
        builder.HasOne<Couple>().WithMany().HasForeignKey(t => t.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(t => t.PartnerId);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.Property(m => m.Seq).UseIdentityByDefaultColumn().ValueGeneratedOnAdd();
        builder.Property(m => m.AuthorName).HasMaxLength(210);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxLength);
        builder.HasOne<MessageThread>().WithMany().HasForeignKey(m => m.ThreadId);
        builder.HasOne<Couple>().WithMany().HasForeignKey(m => m.CoupleId);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.AuthorUserId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(m => m.AuthorPartnerId);
    }
}

internal sealed class MessageReadConfiguration : IEntityTypeConfiguration<MessageRead>
{
    public void Configure(EntityTypeBuilder<MessageRead> builder)
    {
        builder.ToTable("message_reads");
        builder.HasKey(r => new { r.ThreadId, r.UserId });
        builder.HasOne<MessageThread>().WithMany().HasForeignKey(r => r.ThreadId);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId);
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
    }
}
