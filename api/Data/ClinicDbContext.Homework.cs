using Clinic.Api.Domain.Homework;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<HomeworkAssignment> HomeworkAssignments => Set<HomeworkAssignment>();
    public DbSet<HomeworkEntry> HomeworkEntries => Set<HomeworkEntry>();
}
