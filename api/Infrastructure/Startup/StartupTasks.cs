using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Migrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Clinic.Api.Infrastructure.Startup;

public static class StartupTasks
{
    /// <summary>
    /// Applies the migrations as the schema's owner: ConnectionStrings:ClinicOwner when set (the app
    /// itself connects as a role that may not change the schema), else ConnectionStrings:Clinic.
    /// </summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var directory = configuration["Clinic:MigrationsDirectory"] ?? SqlMigrator.DefaultDirectory;
        if (configuration.GetConnectionString("ClinicOwner") is not { Length: > 0 } owner)
        {
            await services.GetRequiredService<SqlMigrator>().ApplyAsync(directory, ct);
            return;
        }
        await using var ownerSource = NpgsqlDataSource.Create(owner);
        await new SqlMigrator(ownerSource, services.GetRequiredService<ILogger<SqlMigrator>>()).ApplyAsync(directory, ct);
    }

    /// <summary>
    /// The first admin comes from configuration so a new practice can sign in at all. It is only
    /// created while no admin exists; changing the configured password later changes nothing.
    /// </summary>
    public static async Task EnsureBootstrapAdminAsync(this IServiceProvider root, CancellationToken ct = default)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<BootstrapAdminOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Clinic.Bootstrap");
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.Password)) return;

        var db = services.GetRequiredService<ClinicDbContext>();
        if (await db.Users.AnyAsync(u => u.Role == Roles.Admin, ct)) return;

        var users = services.GetRequiredService<UserManager<User>>();
        var admin = User.Create(Roles.Admin, options.Email, "Practice", "Admin", services.GetRequiredService<TimeProvider>().GetUtcNow());
        admin.Activate();
        var result = await users.CreateAsync(admin, options.Password);
        if (!result.Succeeded)
            throw new InvalidOperationException("The bootstrap admin could not be created: " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
        logger.LogInformation("Created the bootstrap admin account {UserId}", admin.Id);
    }
}
