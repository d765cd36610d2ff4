using Clinic.Api.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<SessionDraft> SessionDrafts => Set<SessionDraft>();
}
