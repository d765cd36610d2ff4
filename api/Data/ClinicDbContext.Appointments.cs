using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
}
