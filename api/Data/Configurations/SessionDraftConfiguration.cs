using Clinic.Api.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Api.Data.Configurations;

internal sealed class SessionDraftConfiguration : IEntityTypeConfiguration<SessionDraft>
{
    public void Configure(EntityTypeBuilder<SessionDraft> builder)
    {
        builder.ToTable("session_drafts");
        // Saved only by SaveSessionDraft's INSERT … ON CONFLICT, so two saves at once make one draft.
        builder.HasIndex(d => new { d.UserId, d.CoupleId, d.SessionId }).IsUnique();
        builder.HasIndex(d => d.ExpiresAt);
    }
}
