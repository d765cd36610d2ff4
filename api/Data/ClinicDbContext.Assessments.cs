using Clinic.Api.Domain.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<QuestionnaireRequest> QuestionnaireRequests => Set<QuestionnaireRequest>();
    public DbSet<MeasureSchedule> MeasureSchedules => Set<MeasureSchedule>();
}
