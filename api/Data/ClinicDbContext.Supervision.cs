using Clinic.Api.Domain.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<SupervisionLink> SupervisionLinks => Set<SupervisionLink>();
    public DbSet<SupervisionComment> SupervisionComments => Set<SupervisionComment>();
    public DbSet<SupervisionMeeting> SupervisionMeetings => Set<SupervisionMeeting>();
}
